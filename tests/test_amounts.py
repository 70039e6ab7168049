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


# Every amount of the answer's table (data/sv-221-2017-2018/source.txt, answer 2), as it prints it,
# with the line break some have between the number and "euro".
SOURCE_AMOUNTS = [
    ("275.342,98 \neuro", "275342.98"),
    ("40.000 euro", "40000"),
    *[("29.440 euro", "29440")] * 4,
    ("29.800 euro", "29800"),
    ("28.175,00 € ", "28175"),
    ("30.877,00 €", "30877"),
    ("27.198,00 € ", "27198"),
    ("63.626,46 € ", "63626.46"),
    ("10.380,00 €", "10380"),
    ("9.835,6 €", "9835.60"),
    ("6.835 €", "6835"),
    ("25.884,51 €", "25884.51"),
]


@pytest.mark.parametrize(("text", "amount"), sorted(set(SOURCE_AMOUNTS)))
def test_every_amount_of_the_source_reads_as_written(text: str, amount: str) -> None:
    assert parse_amount_text(text) == D(amount)


def test_the_source_amounts_add_up_to_the_totals_counted_by_hand() -> None:
    # The two subsidy calls: 275.342,98 + 40.000 = 315.342,98. The thirteen contracts awarded (excl. VAT):
    # 4 x 29.440 + 29.800 + 28.175 + 30.877 + 27.198 + 63.626,46 + 10.380 + 9.835,6 + 6.835 + 25.884,51.
    read = [value for text, _ in SOURCE_AMOUNTS if (value := parse_amount_text(text)) is not None]
    assert len(read) == 15
    calls, contracts = read[:2], read[2:]
    assert sum(calls, D(0)) == D("315342.98")
    assert sum(contracts, D(0)) == D("350371.57")
    assert sum(read, D(0)) == D("665714.55")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.234,56 euro", "1234.56"),
        ("1.234,56 EUR", "1234.56"),
        ("€ 1.234,56", "1234.56"),
        ("€1.234,56", "1234.56"),
        ("1.234.567,89 euro", "1234567.89"),
        ("12\u00a0500 euro", "12500"),  # a no-break space between the thousands, as word processors write it
        ("12\u202f500,50 €", "12500.50"),  # a narrow no-break space
        ("12,50 euro", "12.50"),
        ("0 euro", "0"),
        ("1234567 euro", "1234567"),
        ("12 duizend euro", "12000"),
        ("5k euro", "5000"),
        ("1,5 mln. euro", "1500000"),
        ("1,2345678 miljoen euro", "1234567.80"),
        ("2 miljard", "2000000000"),
        ("honderd euro", "100"),
        ("vijfenzeventig euro", "75"),
        ("tweehonderdvijftigduizend euro", "250000"),
        ("een miljoen tweehonderdduizend euro", "1200000"),
        ("Twaalfduizend Vijfhonderd Euro", "12500"),
        ("275.342,98 euro.", "275342.98"),  # the full stop that ends a sentence
    ],
)
def test_belgian_ways_of_writing_an_amount(text: str, amount: str) -> None:
    assert parse_amount_text(text) == D(amount)


@pytest.mark.parametrize(
    "text",
    [
        "1.234,567 euro",  # three decimals: not cents
        "1,230 euro",  # English thousands, or a tenth of a cent: not guessed
        "12,500 euro",
        "0,001 euro",
        "1,2345678 euro",
        "1.2345 euro",  # a dot with four digits after it is neither thousands nor Belgian decimals
        "1.23.456 euro",
        "12.34 euro",  # English decimals
        "1,234567891 miljoen euro",  # a fraction of a cent
        "-5 euro",
        "€",
        "euro",
        "5 appels euro",
        "twaalf appels",
        "1.234,56 dollar",
    ],
)
def test_what_is_not_an_amount_in_euro_is_not_read(text: str) -> None:
    assert parse_amount_text(text) is None


def test_zero_in_words_reads_as_zero() -> None:
    assert parse_amount_text("nul euro") == D(0)


@pytest.mark.parametrize(
    ("text", "value"),
    [("14 ondernemingen (BW, SW, LDE)", "14"), ("2 ondernemingen", "2"), ("1.204,5 uur", "1204.5"),
     ("3 mio. inwoners", "3000000"), ("12,5\u00a0%", "12.5")],
)  # fmt: skip
def test_counts_of_the_source_and_other_quantities(text: str, value: str) -> None:
    assert parse_quantity_text(text) == D(value)


@pytest.mark.parametrize("text", ["14 ondernemingen in 2 rondes", "1.204.5 dossiers", "veertien ondernemingen"])
def test_a_quantity_that_is_not_one_number_in_digits_is_not_read(text: str) -> None:
    assert parse_quantity_text(text) is None


@pytest.mark.parametrize("text", ["100000000000000000000000000 euro", "999.999.999.999.999.999 miljard euro"])
def test_an_amount_too_large_for_the_decimal_precision_is_not_read(text: str) -> None:
    assert parse_amount_text(text) is None
