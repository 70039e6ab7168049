"""Lists of row ids in the brief's sentences, bounded at every size: a table of 135,000 rows
must not print 135,000 ids (the workbook lists every row)."""

from __future__ import annotations

from collections.abc import Sequence

from sebrief.i18n import Translator

IDS_SHOWN = 10  # ids written out; the others are counted


def listed_rows(ids: Sequence[str], t: Translator, shown: int = IDS_SHOWN) -> str:
    """'R01, R02' or, past ``shown`` ids, the first ``shown`` and how many others there are."""
    if len(ids) <= shown:
        return ", ".join(ids)
    return t(
        "{ids} … and {count} more (the workbook lists every row)",
        ids=", ".join(ids[:shown]),
        count=t.number(len(ids) - shown, 0),
    )
