"""Every message in the code has a Dutch translation with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from sebrief.i18n import Translator

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = ROOT / "src" / "sebrief" / "locale" / "nl" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"{\w+}")


def code_messages() -> set[str]:
    found = extract_from_dir(
        str(ROOT / "src" / "sebrief"), method_map=[("**.py", "python")], keywords={"t": None, "_": None}
    )
    return {message for _, _, message, _, _ in found if isinstance(message, str) and message}


def dutch() -> dict[str, str]:
    catalog: dict[str, str] = {}
    for po in sorted(CATALOGS.glob("*.po")):
        with po.open("rb") as handle:
            catalog.update({m.id: m.string for m in read_po(handle) if isinstance(m.id, str) and m.id})
    return catalog


def code_plural_messages() -> set[tuple[str, str]]:
    """The messages with plural forms, written ``t.plural("singular", "plural", count)``."""
    found = extract_from_dir(
        str(ROOT / "src" / "sebrief"), method_map=[("**.py", "python")], keywords={"plural": (1, 2)}
    )
    return {tuple(message) for _, _, message, _, _ in found if isinstance(message, tuple)}  # type: ignore[misc]


def dutch_plurals() -> dict[tuple[str, ...], tuple[str, ...]]:
    catalog: dict[tuple[str, ...], tuple[str, ...]] = {}
    for po in sorted(CATALOGS.glob("*.po")):
        with po.open("rb") as handle:
            catalog.update({tuple(m.id): tuple(m.string) for m in read_po(handle) if isinstance(m.id, tuple)})
    return catalog


def test_every_message_is_translated() -> None:
    translations = dutch()
    missing = sorted(m for m in code_messages() if not translations.get(m))
    assert missing == [], "run scripts/update-catalogs.sh and translate"


def test_placeholders_survive_translation() -> None:
    wrong = [m for m, s in dutch().items() if s and set(PLACEHOLDER.findall(m)) != set(PLACEHOLDER.findall(s))]
    assert wrong == []


def test_dutch_is_the_default_and_english_is_the_message_id() -> None:
    assert Translator()("Answered") == "Beantwoord"
    assert Translator("en")("Answered") == "Answered"


def test_catalogs_agree_where_they_share_a_message() -> None:
    # The stage catalogs are merged into one: a message translated two ways would depend on file order.
    seen: dict[str, str] = {}
    conflicts = []
    for po in sorted(CATALOGS.glob("*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle):
                if not (isinstance(message.id, str) and message.id and message.string):
                    continue
                if seen.setdefault(message.id, str(message.string)) != message.string:
                    conflicts.append((message.id, seen[message.id], message.string))
    assert conflicts == []


def test_every_plural_message_has_both_dutch_forms_with_its_placeholders() -> None:
    plurals = code_plural_messages()
    assert len(plurals) >= 5, "t.plural(...) messages were not found in the code"
    translations = dutch_plurals()
    missing = sorted(m for m in plurals if len(translations.get(m, ())) != 2 or not all(translations[m]))
    assert missing == [], "run scripts/update-catalogs.sh and write both Dutch forms"
    wrong = [
        (message, forms)
        for message, forms in translations.items()
        for form in forms
        if set(PLACEHOLDER.findall(form)) - {"{count}"} != set(PLACEHOLDER.findall(message[1])) - {"{count}"}
    ]
    assert wrong == []


def test_a_count_takes_the_singular_or_the_plural_and_a_column_its_article() -> None:
    nl, en = Translator("nl"), Translator("en")
    one, many = "{have} of {count} row gives {column}.", "{have} of {count} rows give {column}."
    assert nl.plural(one, many, 1, have=1, column=nl("the amount")) == "1 van 1 rij vermeldt het bedrag."
    assert nl.plural(one, many, 4, have=3, column=nl("the period")) == "3 van 4 rijen vermelden de looptijd."
    assert en.plural(one, many, 1, have=0, column=en("the amount")) == "0 of 1 row gives the amount."
    assert en.plural(one, many, 2, have=2, column=en("the amount")) == "2 of 2 rows give the amount."


def test_build_status_follows_the_language() -> None:
    from sebrief.commands.build import tally

    nl, en = Translator("nl"), Translator("en")
    assert tally(3, 1, en) == "2 of 3 datasets built, 1 failed"
    assert tally(1, 1, en) == "0 of 1 dataset built, 1 failed"
    assert tally(1, 1, nl) == "0 van 1 dataset gemaakt, 1 mislukt"
    assert tally(2, 0, nl) == "2 van 2 datasets gemaakt, 0 mislukt"
