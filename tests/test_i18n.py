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
