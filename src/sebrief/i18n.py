"""Languages: message catalogs (gettext, read with Babel) and number, money and date formats.

Message ids are English; the .po files in ``locale/nl/LC_MESSAGES/`` give the Dutch, which is
the default. There is one .po file per stage (analysis, xlsx, pdf), merged into one catalog when
read; they are read at run time, so there is no compile step.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Literal

from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent

Lang = Literal["nl", "en"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en")
LOCALES: dict[str, str] = {"nl": "nl_BE", "en": "en_GB"}
DOMAIN = "sebrief"


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    folder = resources.files("sebrief") / "locale" / lang / "LC_MESSAGES"
    catalog = Catalog(locale=LOCALES[lang], domain=DOMAIN)
    for po_file in sorted((f for f in folder.iterdir() if f.name.endswith(".po")), key=lambda f: f.name):
        with po_file.open("rb") as handle:
            for message in read_po(handle, locale=LOCALES[lang]):
                if message.id and _translated(message.string) and not message.fuzzy:
                    catalog[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _translated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    """Whether a message has its translation: every plural form of it, if it has plural forms."""
    return all(string) if isinstance(string, (tuple, list)) else bool(string)


class Translator:
    """Translates labels and formats figures for one language."""

    def __init__(self, lang: str = "nl"):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self.locale = LOCALES[lang]
        self._gettext = _translations(lang).gettext
        self._ngettext = _translations(lang).ngettext

    def __call__(self, message: str, **values: object) -> str:
        text = self._gettext(message)
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, count: int, **values: object) -> str:
        return self._ngettext(singular, plural, count).format(count=count, **values)

    def number(self, value: Decimal | int, decimals: int = 2) -> str:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def money(self, value: Decimal) -> str:
        """An amount in euro the local way: '€ 275.342,98' in Dutch, '€275,342.98' in English."""
        return format_currency(value, "EUR", locale=self.locale)

    def percent(self, fraction: Decimal, decimals: int = 1) -> str:
        return format_percent(fraction, format="#,##0." + "0" * decimals + " %", locale=self.locale)

    def date(self, value: dt.date) -> str:
        """'19 januari 2018' / '19 January 2018'."""
        return format_date(value, "d MMMM y", locale=self.locale)

    def month(self, value: dt.date) -> str:
        return format_date(value, "MMMM y", locale=self.locale)

    def month_short(self, value: dt.date) -> str:
        return format_date(value, "MMM yy", locale=self.locale)

    def period(self, start: dt.date, end: dt.date, precision: str) -> str:
        """A period with the precision the source gave it."""
        if precision == "month":
            first, last = self.month(start), self.month(end)
            return first if first == last else f"{first} – {last}"
        if start == end:
            return self.date(start)
        return f"{self.date(start)} – {self.date(end)}"


def _(message: str) -> str:
    """Marks a message for extraction where it is translated later (a label in a table)."""
    return message
