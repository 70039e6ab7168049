"""Values written the Belgian Dutch way: amounts, dates, periods, VAT, names, portfolios.

Amounts are read by ``sebrief.dataset.amounts`` (digits, millions and Dutch words), the reader
``sebrief validate`` checks them with. The period reader of ``sebrief.validate``
(``parse_period_text``) is used first; what it does not read is handled here as an extension:
periods given as 'van ... tot ...', with numeric dates ('01/12/2017'), with the start year left
out ('1 – 31 december 2017') or as years ('2019', '2019-2021', precision ``year``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from decimal import Decimal

from sebrief.dataset.amounts import NUMBER_PATTERN, parse_amount_text
from sebrief.dataset.periods import MONTHS_NL, parse_period_text
from sebrief.draft.structure import DraftedPeriod, DraftedPrecision, VatBasis

MONTH_NAMES = "|".join(sorted(MONTHS_NL, key=len, reverse=True))
# A date as tables write it: '1 december 2017', 'September 2017', '01/12/2017'.
DATE_PATTERN = rf"(?:(?:\d{{1,2}}\s+)?(?:{MONTH_NAMES})\s+\d{{4}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}})"
DASH = r"[–—-]"
# A period as it starts a table cell: a date, optionally a dash and an end that may still lack its
# year (the rest can stand after a page break: 'September 2017 – maart […] 2018').
PERIOD_PATTERN = (
    rf"(?:(?:van\s+)?{DATE_PATTERN}(?:\s*(?:{DASH}|tot(?:\s+en\s+met)?|t\.e\.m\.)\s*"
    rf"(?:{DATE_PATTERN}|(?:\d{{1,2}}\s+)?(?:{MONTH_NAMES})\b))?"
    rf"|(?:\d{{1,2}}\s+)?(?:{MONTH_NAMES})\s*{DASH}\s*{DATE_PATTERN})"
)

_CURRENCY = r"(?:euro|EUR|€)"
_SCALE = r"(?:miljoen|miljard|mio\.?|mln\.?|mld\.?)"
AMOUNT_PATTERN = (
    rf"(?:{_CURRENCY}\s*(?:{NUMBER_PATTERN})(?:\s*{_SCALE})?"
    rf"|(?:{NUMBER_PATTERN})\s*(?:{_SCALE}\s*)?{_CURRENCY}"
    rf"|[a-zë]*(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|tig|honderd|duizend|miljoen)"
    rf"[a-zë]*\s+{_CURRENCY})"
)

VAT_PATTERN = (
    r"\(?\s*(?:excl(?:\.|usief)?|incl(?:\.|usief)?|zonder|met)\s*(?:de\s+)?btw\s*\)?"
    r"|\(?\s*btw\s+(?:niet\s+)?inbegrepen\s*\)?"
)
VAT_RE = re.compile(VAT_PATTERN, re.IGNORECASE)

NONE_TEXTS = {"", "/", "-", "–", "n.v.t.", "nvt", "n.v.t"}


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


# --- dates and the session year ------------------------------------------------------------------


def parse_date(text: str) -> dt.date | None:
    """A Dutch date: '19 januari 2018', '19/01/2018' or '19.01.2018'."""
    clean = normalise_space(text).lower()
    match = re.fullmatch(rf"(\d{{1,2}})\s+({MONTH_NAMES})\s+(\d{{4}})", clean)
    try:
        if match:
            return dt.date(int(match.group(3)), MONTHS_NL[match.group(2)], int(match.group(1)))
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", clean)
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    return None


def fourth_monday_of_september(year: int) -> dt.date:
    first = dt.date(year, 9, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7 + 21)


def session_year(day: dt.date) -> str:
    """The Flemish Parliament's parliamentary year a date falls in, e.g. '2017-2018'.

    The Flemish Parliament meets by right every year on the fourth Monday of September, which
    opens its new parliamentary year (art. 32, §1 of the special law of 8 August 1980 on
    institutional reform, as the Flemish Parliament set the day under its constitutive
    autonomy; the Septemberverklaring is given that day). So 2018-2019 opened on Monday 24
    September 2018 and 2019-2020 on Monday 23 September 2019: a question of 19 January 2018 is of
    2017-2018, one of 1 October 2018 of 2018-2019. Not covered: the extraordinary session that
    follows an election until that Monday (for example 2019), which this rule files under the
    year that ends then.
    """
    first = day.year if day >= fourth_monday_of_september(day.year) else day.year - 1
    return f"{first}-{first + 1}"


# --- amounts -------------------------------------------------------------------------------------

_UNITS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9}
_TEENS = {
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
    "zeventien": 17, "achttien": 18, "negentien": 19,
}  # fmt: skip


# A scale with no number before it ('miljoen euro', the rest of '1,2 miljoen euro' whose number
# stands on the line above): not an amount read in full. 'duizend euro' is Dutch for 1.000 euro.
_BARE_SCALE_RE = re.compile(r"^\W*(?:miljoen|miljard|mio|mln|mld)\b", re.IGNORECASE)


def parse_amount(text: str) -> Decimal | None:
    """The amount in euro of a Belgian-written text: '275.342,98 euro', '€ 12 500', '1,2 miljoen euro'.

    Read by ``sebrief.dataset.amounts``, the reader ``sebrief validate`` checks amount_text with;
    never a guess: a scale without its number ('miljoen euro') is no amount (None).
    """
    clean = normalise_space(text)
    if _BARE_SCALE_RE.match(re.sub(r"(?i)^\s*(?:€|eur(?:o)?\b)\s*", "", clean)):
        return None
    return parse_amount_text(clean)


def find_vat(text: str) -> tuple[VatBasis, str | None]:
    """The VAT basis a text states ('(excl. BTW)': excl_vat) and the words that state it."""
    match = VAT_RE.search(text)
    if not match:
        return VatBasis.NOT_STATED, None
    words = match.group().lower()
    excluded = any(w in words for w in ("excl", "zonder", "niet")) and "incl" not in words
    return (VatBasis.EXCL_VAT if excluded else VatBasis.INCL_VAT), normalise_space(match.group())


# --- periods -------------------------------------------------------------------------------------


def _year_of(text: str) -> int | None:
    match = re.search(r"\d{4}", text)
    return int(match.group()) if match else None


def _numeric_date(text: str) -> dt.date | None:
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text.strip())
    if not match:
        return None
    try:
        return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None


def parse_period(text: str) -> DraftedPeriod | None:
    """Start, end and precision of a period as Dutch tables write it; None for '/' or unreadable."""
    clean = normalise_space(text).strip(" .;").lower()
    if clean in NONE_TEXTS:
        return None
    clean = re.sub(r"^van(af)?\s+", "", clean)
    clean = re.sub(r"\s+(?:tot(?:\s+en\s+met)?|t\.e\.m\.)\s+", " – ", clean)
    years = re.fullmatch(rf"(\d{{4}})(?:\s*{DASH}\s*(\d{{4}}))?", clean)
    if years:  # before the format's reading, which takes a year to the month: a draft says it is a year
        first_year, last_year = int(years.group(1)), int(years.group(2) or years.group(1))
        if first_year > last_year:
            return None
        return DraftedPeriod(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31), DraftedPrecision.YEAR)
    read = parse_period_text(clean)
    if read is not None:
        start, end, precision = read
        return DraftedPeriod(start, end, DraftedPrecision(precision.value))
    parts = [part.strip() for part in re.split(rf"\s+{DASH}\s*|\s*{DASH}\s+|\s*–\s*", clean)]
    if len(parts) > 2:
        return None
    numeric = [_numeric_date(part) for part in parts]
    if all(numeric):
        first, last = numeric[0], numeric[-1]
        assert first is not None and last is not None
        return DraftedPeriod(first, last, DraftedPrecision.DAY) if first <= last else None
    if len(parts) == 2 and _year_of(parts[0]) is None and _year_of(parts[1]) is not None:
        # '1 – 31 december 2017', 'september – december 2018': the start borrows the end's year
        end_year = _year_of(parts[1])
        assert end_year is not None
        end_month = re.search(MONTH_NAMES, parts[1])
        start_month = re.search(MONTH_NAMES, parts[0])
        if start_month is None and end_month is not None and re.fullmatch(r"\d{1,2}", parts[0]):
            parts[0] = f"{parts[0]} {end_month.group()}"
            start_month = end_month
        if start_month is None or end_month is None:
            return None
        year = end_year - 1 if MONTHS_NL[start_month.group()] > MONTHS_NL[end_month.group()] else end_year
        return parse_period(f"{parts[0]} {year} – {parts[1]}")
    return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# --- people and portfolios -----------------------------------------------------------------------

PARTICLES = {"van", "de", "den", "der", "ter", "ten", "te", "het", "'t", "vande", "vanden", "vander", "le", "la",
             "du", "d'", "di", "da", "von", "op", "in", "el", "al", "ben", "ait"}  # fmt: skip
_LOWER_WORDS = {"van", "de", "het", "en", "voor", "op", "in", "der", "den", "met", "bij", "aan", "tot", "te",
                "ter", "'t", "of", "over", "uit", "door", "en/of"}  # fmt: skip
_TITLES = {"minister", "viceminister", "minister-president", "viceminister-president", "vice-minister-president",
           "staatssecretaris", "gemeenschapsminister", "gewestminister", "vice-eersteminister"}  # fmt: skip
ACRONYMS = {"ICT", "EU", "VDAB", "OCMW", "KMO", "VRT", "VAPH", "IT", "BTW"}


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def capitalise(word: str) -> str:
    """'PEETERS' -> 'Peeters', "D'HAESELEER" -> "D'Haeseleer", 'IJSSEL' -> 'IJssel'."""
    pieces = re.split(r"([-'’])", word)
    out = []
    for piece in pieces:
        if piece.upper().startswith("IJ"):
            out.append("IJ" + piece[2:].lower())
        else:
            out.append(piece[:1].upper() + piece[1:].lower())
    return "".join(out)


def split_name(text: str) -> tuple[str, str]:
    """First and last name of a name in capitals: 'JAN VAN DEN BERGHE' -> ('Jan', 'Van den Berghe').

    The last name starts at the first particle ('van', 'de', 'den'...) after the first word, else
    it is the last word. In a name written in capitals the first particle is capitalised and the
    next ones are not, the Flemish way ('Van den', 'De'); a name in normal case is kept as written.
    """
    tokens = normalise_space(text).split()
    if not tokens:
        return "", ""
    upper = is_upper(text)

    def cased(token: str) -> str:
        return capitalise(token) if upper else token

    particle_at = next((i for i, t in enumerate(tokens) if 0 < i < len(tokens) - 1 and t.lower() in PARTICLES), None)
    cut = particle_at if particle_at is not None else len(tokens) - 1
    first = " ".join(cased(t) for t in tokens[:cut])
    rest = tokens[cut:]
    last = [cased(rest[0])] + [t.lower() if upper and t.lower() in PARTICLES else cased(t) for t in rest[1:]]
    return first, " ".join(last)


def portfolio_case(text: str) -> str:
    """A minister's portfolio written in capitals, in normal case.

    Titles ('minister', 'viceminister-president') and small words ('van', 'de', 'en') in lower
    case, other words capitalised ('Vlaamse Regering', 'Binnenlands Bestuur'), known acronyms
    ('ICT') kept. Text that is not in capitals is returned as it is.
    """
    clean = normalise_space(text)
    if not is_upper(clean):
        return clean
    out = []
    for token in clean.split(" "):
        core = token.strip(",;.:()")
        lead = token[: token.find(core)] if core else ""
        tail = token[len(lead) + len(core) :]
        lower = core.lower()
        if core in ACRONYMS:
            cased = core
        elif lower in _LOWER_WORDS or lower in _TITLES:
            cased = lower
        else:
            cased = capitalise(core)
        out.append(lead + cased + tail)
    return " ".join(out)


# --- table cells ---------------------------------------------------------------------------------

_COUNT_WORDS = {**_UNITS, **_TEENS}


def beneficiary_count(text: str | None) -> int | None:
    """How many beneficiaries a group names: '12 vzw's (A, B)' -> 12, 'twee vzw's' -> 2."""
    if not text:
        return None
    match = re.match(r"^(\d{1,6})\s+[^\W\d]", text)
    if match:
        return int(match.group(1))
    match = re.match(r"^(\w+)\s+\w", text.lower())
    if match and match.group(1) in _COUNT_WORDS and match.group(1) not in ("een", "één"):
        return _COUNT_WORDS[match.group(1)]
    return None


STATUS_RE = re.compile(
    r"^(?:/\s*)?(?:in\s+procedure|lopende\s+procedure|procedure\s+lopende|nog\s+niet\s+(?:toegewezen|gegund)"
    r"|nog\s+te\s+gunnen|in\s+voorbereiding|in\s+gunningsfase)(?:\s*/)?$",
    re.IGNORECASE,
)
