"""The numbers Word puts before a paragraph of a numbered or bulleted list ('1.', 'a)', a bullet),
which are not in the paragraph's text: read from the document's numbering definitions, counted in
document order as Word counts them (per list, a level's count reset when a higher level goes on)."""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _formatted(number: int, style: str) -> str:
    if style in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if style == "upperLetter" else letter
    if style in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman.upper() if style == "upperRoman" else roman
    return str(number)


class Numbering:
    """The list markers of a Word document's paragraphs."""

    def __init__(self, document: Any):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, level) -> format, text, start
        self.counts: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {node.get(f"{W}abstractNumId"): node for node in root.iter(f"{W}abstractNum")}
        for num in root.iter(f"{W}num"):
            reference = num.find(f"{W}abstractNumId")
            definition = abstract.get(reference.get(f"{W}val")) if reference is not None else None
            if definition is None:
                continue
            for level in definition.iter(f"{W}lvl"):
                style, text, start = (level.find(f"{W}{name}") for name in ("numFmt", "lvlText", "start"))
                self.levels[(str(num.get(f"{W}numId")), int(level.get(f"{W}ilvl") or 0))] = (
                    style.get(f"{W}val") if style is not None else "decimal",
                    text.get(f"{W}val") if text is not None else "",
                    int(start.get(f"{W}val") or 1) if start is not None else 1,
                )

    def marker(self, paragraph: Any) -> str | None:
        """The marker Word shows before ``paragraph`` ('1.', 'b)', '-' for a bullet), None if none."""
        found = _number_properties(paragraph)
        if found is None or (found[0], found[1]) not in self.levels:
            return None
        num_id, level = found
        style, text, _ = self.levels[(num_id, level)]
        counts = self.counts.setdefault(num_id, [])
        while len(counts) <= level:
            counts.append(0)
        counts[level] += 1
        del counts[level + 1 :]
        if style == "bullet":
            return "-"
        if style == "none" or not text:
            return None
        for k in range(level, -1, -1):
            k_style, _, k_start = self.levels.get((num_id, k), ("decimal", "", 1))
            count = counts[k] if k < len(counts) else 1
            text = text.replace(f"%{k + 1}", _formatted(k_start + max(count, 1) - 1, k_style))
        return text.strip() or None


def _number_properties(paragraph: Any) -> tuple[str, int] | None:
    """The list (numId) and level of a paragraph: its own, else its style's (or a style it is based on)."""
    candidates = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    level = None
    for properties in candidates:
        number = properties.find(f"{W}numPr") if properties is not None else None
        if number is None:
            continue
        ilvl, num_id = number.find(f"{W}ilvl"), number.find(f"{W}numId")
        if level is None and ilvl is not None:
            level = int(ilvl.get(f"{W}val") or 0)
        if num_id is not None:
            value = str(num_id.get(f"{W}val"))
            return (value, level or 0) if value != "0" else None
    return None
