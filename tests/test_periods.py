"""sebrief.dataset.periods: periods and counts as Dutch texts write them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sebrief.dataset.fields import Precision
from sebrief.dataset.periods import parse_period_text


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("in 2021", (dt.date(2021, 1, 1), dt.date(2021, 12, 31), Precision.MONTH)),
        ("op 1 oktober 2019", (dt.date(2019, 10, 1), dt.date(2019, 10, 1), Precision.DAY)),
        ("1 december 2017 – 30 juni 2018", (dt.date(2017, 12, 1), dt.date(2018, 6, 30), Precision.DAY)),
        ("in het voorjaar", None),
        ("2021-2022", None),  # a session year or two calendar years: not guessed
        ("in 0000", None),
        ("0 januari 2020", None),
    ],
)
def test_periods_read_as_written(text: str, period: tuple[dt.date, dt.date, Precision] | None) -> None:
    assert parse_period_text(text) == period


# Any text is read or left unread, never an error.
_DATEISH = st.from_regex(
    r"\A(in |op )?([0-9]{1,2} )?(januari |juni |december )?[0-9]{4}( – [0-9]{1,2} juni [0-9]{4})?\Z"
)


@given(text=st.one_of(st.text(max_size=200), _DATEISH))
def test_the_reader_of_periods_never_fails(text: str) -> None:
    parse_period_text(text)
