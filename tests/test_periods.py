"""sebrief.dataset.periods: periods as Dutch texts write them, and the count a beneficiary starts with."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sebrief.dataset.fields import Precision
from sebrief.dataset.periods import leading_count, parse_period_text


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


# Every period of the answer's table (data/sv-221-2017-2018/source.txt, answer 2), with the line breaks
# the source has in its cells; the dates worked out by hand from the words.
@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("1 december \n2017 – 30 juni \n2018", "2017-12-01", "2018-06-30", Precision.DAY),
        ("1 december \n2017 – 31 juli \n2018", "2017-12-01", "2018-07-31", Precision.DAY),
        ("1 januari 2018 \n– 30 juni 2018", "2018-01-01", "2018-06-30", Precision.DAY),
        ("September \n2017 – mei \n2018", "2017-09-01", "2018-05-31", Precision.MONTH),
        ("September \n2017 – maart \n2018", "2017-09-01", "2018-03-31", Precision.MONTH),
        ("December 2017 \n– Maart 2018", "2017-12-01", "2018-03-31", Precision.MONTH),
        ("Januari 2018 -\nfebruari 2018", "2018-01-01", "2018-02-28", Precision.MONTH),
        ("Februari 2018", "2018-02-01", "2018-02-28", Precision.MONTH),
        ("November 2017 \n- december \n2017", "2017-11-01", "2017-12-31", Precision.MONTH),
        ("December 2017 \n-februari 2018", "2017-12-01", "2018-02-28", Precision.MONTH),
    ],
)
def test_every_period_of_the_source_reads_as_written(text: str, start: str, end: str, precision: Precision) -> None:
    assert parse_period_text(text) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("in 2020", (dt.date(2020, 1, 1), dt.date(2020, 12, 31), Precision.MONTH)),
        ("2021", (dt.date(2021, 1, 1), dt.date(2021, 12, 31), Precision.MONTH)),
        ("tijdens het jaar 2020", (dt.date(2020, 1, 1), dt.date(2020, 12, 31), Precision.MONTH)),
        ("per 1 januari 2019", (dt.date(2019, 1, 1), dt.date(2019, 1, 1), Precision.DAY)),
        ("februari 2020", (dt.date(2020, 2, 1), dt.date(2020, 2, 29), Precision.MONTH)),  # a leap year
        ("1 december 2017 – 30 juni 2018.", (dt.date(2017, 12, 1), dt.date(2018, 6, 30), Precision.DAY)),
        ("maart 2018 - februari 2019", (dt.date(2018, 3, 1), dt.date(2019, 2, 28), Precision.MONTH)),
        ("31 februari 2018", None),  # no such day
        ("1 december 2017 - juni 2018", None),  # a day, then a month: not guessed
        ("1 december – 30 juni 2018", None),  # the start's year left out: only `sebrief new` reads it
        ("in 2021 en 2022", None),
        ("1 december 2017 – 30 juni 2018 – 31 juli 2018", None),
        ("1 decembre 2017", None),
        ("/", None),
        ("", None),
    ],
)
def test_dutch_ways_of_writing_a_period(text: str, period: tuple[dt.date, dt.date, Precision] | None) -> None:
    assert parse_period_text(text) == period


def test_a_period_from_to_is_read() -> None:
    assert parse_period_text("van 1 januari 2017 tot 31 december 2018") == (
        dt.date(2017, 1, 1),
        dt.date(2018, 12, 31),
        Precision.DAY,
    )


def test_a_period_that_ends_before_it_starts_is_not_read() -> None:
    assert parse_period_text("30 juni 2018 – 1 december 2017") is None


@pytest.mark.parametrize(
    ("text", "count"),
    [("14 ondernemingen (BW, SW, LDE)", 14), ("2 ondernemingen", 2), ("Deloitte Consulting", None),
     ("KULeuven (HIVA)", None), ("", None), (None, None), ("veertien ondernemingen", None)],
)  # fmt: skip
def test_the_count_a_beneficiary_starts_with(text: str | None, count: int | None) -> None:
    assert leading_count(text) == count
