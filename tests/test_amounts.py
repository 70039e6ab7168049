"""sebrief.dataset.amounts: amounts, counts and shares as Belgian texts write them, read exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sebrief.dataset.amounts import parse_amount_text, parse_quantity_text

D = Decimal


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("275.342,98 euro", "275342.98"),
        ("9.835,6 €", "9835.60"),
        ("40.000 euro", "40000"),
        ("€ 12 500", "12500"),
        ("EUR 1.250,00", "1250"),
        ("1,2 miljoen euro", "1200000"),
        ("3 mio. euro", "3000000"),
        ("2,5 miljard euro", "2500000000"),
        ("twaalfduizend vijfhonderd euro", "12500"),
        ("anderhalf miljoen euro", "1500000"),
        ("drieëntwintigduizend euro", "23000"),
    ],
)
def test_amounts_read_exactly(text: str, amount: str) -> None:
    assert parse_amount_text(text) == D(amount)


@pytest.mark.parametrize("text", ["1.5 euro", "1,234 euro", "ongeveer veel", "", "12 appels"])
def test_what_is_not_an_amount_is_not_read_as_one(text: str) -> None:
    assert parse_amount_text(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.204 dossiers", "1204"), ("14,5 VTE", "14.5"), ("12,5 %", "12.5"), ("1 200 leerlingen", "1200"),
     ("1,2 miljoen inwoners", "1200000"), ("23", "23")],
)  # fmt: skip
def test_counts_and_shares_read_exactly(text: str, value: str) -> None:
    assert parse_quantity_text(text) == D(value)


@pytest.mark.parametrize("text", ["5 studies in 2021", "twaalf dossiers", "1.5 FTE", "", "R2D2"])
def test_a_text_with_no_number_or_several_is_not_read_as_a_count(text: str) -> None:
    assert parse_quantity_text(text) is None


# Any text is read or left unread, never an error.
_NUMBERISH = st.text(alphabet=st.sampled_from("0123456789.,  %-–/ineopjarduizendmiljoen€VTE"), max_size=60)


@given(text=st.one_of(st.text(max_size=200), _NUMBERISH))
def test_the_readers_of_amounts_and_counts_never_fail(text: str) -> None:
    parse_amount_text(text)
    parse_quantity_text(text)
