"""Suppliers' and beneficiaries' names as the corpus matches them.

Two names are taken as one supplier when their keys are equal: the name in lower case, without
accents, punctuation and legal form (BV, NV, CVBA, VZW, BVBA, SA, SPRL, ASBL..., with or without
dots, at the start or the end of the name). Names that only look alike (sharing their first word,
or one's words all in the other) are never taken: they are shown as "also similar", for a person
to add them or leave them apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Belgian, Dutch, French and a few foreign legal forms, written without dots or spaces.
LEGAL_FORMS = frozenset({
    "bv", "nv", "cv", "cvba", "cvoa", "vzw", "ivzw", "bvba", "ebvba", "commv", "comm", "gcv", "vof", "lv", "esv",
    "sa", "sprl", "sprlu", "srl", "sc", "scrl", "scri", "scs", "snc", "asbl", "aisbl", "sca",
    "ltd", "llc", "inc", "plc", "gmbh", "ag", "sarl", "sas",
})  # fmt: skip
CONNECTORS = frozenset({"en", "and", "et", "und"})
_DOTTED = re.compile(r"(?<![^\W_])((?:[^\W\d_]\.)+[^\W\d_]\.?)(?![^\W_])")  # b.v. / n.v / c.v.b.a.
_NOT_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The key two names must share to be taken as one supplier ("" for a name of no words)."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = _DOTTED.sub(lambda match: match.group(1).replace(".", ""), text)
    words = [word for word in _NOT_WORD.split(text) if word and word not in CONNECTORS]
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    while len(words) > 1 and words[0] in LEGAL_FORMS:
        words.pop(0)
    return " ".join(words)


@dataclass(frozen=True)
class NameMatch:
    """Which names of the corpus were taken as the supplier, and which look alike but were not."""

    asked: tuple[str, ...]
    keys: tuple[str, ...]
    taken: tuple[str, ...]
    similar: tuple[str, ...]


def match_names(asked: Iterable[str], names: Iterable[str]) -> NameMatch:
    """Match the names a person asked for against the distinct names of the corpus."""
    asked = tuple(asked)
    keys = tuple(dict.fromkeys(key for key in (name_key(name) for name in asked) if key))
    wanted = set(keys)
    taken: list[str] = []
    similar: list[str] = []
    for name in sorted(set(names), key=lambda value: (name_key(value), value)):
        key = name_key(name)
        if not key:
            continue
        if key in wanted:
            taken.append(name)
        elif any(_alike(key, other) for other in keys):
            similar.append(name)
    return NameMatch(asked, keys, tuple(taken), tuple(similar))


def _alike(key: str, other: str) -> bool:
    """Whether two different keys look alike: the same first word, or one's words all in the other."""
    words, others = key.split(), other.split()
    return words[0] == others[0] or set(words) <= set(others) or set(others) <= set(words)
