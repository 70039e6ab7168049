"""Adding and removing items of dataset.yaml's lists from the form: a part, a subpart, a kind, a
passage, an answer block (of a kind the user picks), a classification's item...

A new item has the shape of the list's last item with every value emptied (``sebrief validate``
then lists what to fill in); a new answer block has the fields of its kind, as ``sebrief init``
describes them.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sebrief.i18n import _
from sebrief.serve.security import Refused

BLOCK_KINDS = ("text", "figures", "classification", "table")
_TWO = {"nl": "", "en": ""}
_ANSWER = {"part": "", "status": "", "basis": "", "reason": _TWO}
BLOCKS: dict[str, dict[str, Any]] = {
    "text": {"kind": "text", "id": "", "title": _TWO, "evidence": [], "answers": [_ANSWER]},
    "figures": {
        "kind": "figures",
        "id": "",
        "title": _TWO,
        "answers": [_ANSWER],
        "figures": [{"id": "", "label": _TWO, "text": "", "value": "", "unit": "", "vat_basis": ""}],
    },
    "classification": {
        "kind": "classification",
        "id": "",
        "title": _TWO,
        "categories": [{"id": "", "label": _TWO, "answers": ""}],
        "items": [{"id": "", "text": "", "categories": [], "basis": "", "evidence": [], "note": _TWO}],
    },
    "table": {"kind": "table", "id": "", "title": _TWO, "file": "", "evidence": [], "binds": [], "groupings": []},
}


# The shape of a new item of a list that has none yet
SHAPES: dict[str, dict[str, Any]] = {
    "kinds": {"id": "", "label": _TWO, "plural": _TWO, "procurement": None},
    "groupings": {"id": "", "label": _TWO, "values": [{"id": "", "label": _TWO}]},
    "subparts": {"id": "", "text": "", "answered_by": []},
    "passages": {"id": "", "part": "", "text": ""},
    "curation_notes": _TWO,
    "answers": _ANSWER,
    "binds": {"part": "", "column": ""},
}
ITEM_LISTS = frozenset({*SHAPES, "blocks"})


def add_item(document: CommentedMap, path: list[Any], kind: str = "") -> None:
    """Append an empty item to the list at ``path``."""
    target = _at(document, path)
    if not isinstance(target, CommentedSeq):
        raise Refused(400, "items are added to a list")
    if target.fa.flow_style():  # `[]` in the file: its items are written one a line
        target.fa.set_block_style()
    if tuple(path) == ("answer", "blocks"):
        if kind not in BLOCKS:
            raise Refused(400, "give the kind of the block: " + ", ".join(BLOCK_KINDS))
        target.append(_built(BLOCKS[kind]))
    elif target and isinstance(target[-1], CommentedMap):
        target.append(_blank(target[-1]))
    elif not target and path and path[-1] in SHAPES:
        target.append(_built(SHAPES[path[-1]]))
    else:
        raise Refused(409, _("This list has no item to take the shape of: add one in the text of dataset.yaml."))


def remove_item(document: CommentedMap, path: list[Any]) -> None:
    """Remove the item at ``path`` (its list's index last)."""
    if not path or not isinstance(path[-1], int) or isinstance(path[-1], bool):
        raise Refused(400, "an item is named by its list and its index")
    target = _at(document, path[:-1])
    if not isinstance(target, CommentedSeq) or not 0 <= path[-1] < len(target):
        raise Refused(400, "no such item in dataset.yaml")
    del target[path[-1]]


def _at(document: CommentedMap, path: list[Any]) -> Any:
    node: Any = document
    for step in path:
        if isinstance(node, CommentedMap) and isinstance(step, str) and step in node:
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and not isinstance(step, bool):
            if not 0 <= step < len(node):
                raise Refused(400, "no such item in dataset.yaml")
            node = node[step]
        else:
            raise Refused(400, "no such field in dataset.yaml")
    return node


def _blank(node: Any) -> Any:
    """The shape of ``node`` with its values emptied; a list of items keeps one empty item."""
    if isinstance(node, CommentedMap):
        blank = CommentedMap()
        for key, value in node.items():
            blank[key] = _blank(value)
        if node.fa.flow_style():
            blank.fa.set_flow_style()
        return blank
    if isinstance(node, CommentedSeq):
        items = CommentedSeq([_blank(node[0])] if node and isinstance(node[0], CommentedMap) else [])
        if node.fa.flow_style():
            items.fa.set_flow_style()
        return items
    if isinstance(node, bool) or node is None or not isinstance(node, str):
        return None
    return ""


def _built(shape: Any) -> Any:
    if isinstance(shape, dict):
        built = CommentedMap()
        for key, value in shape.items():
            built[key] = _built(value)
        if set(shape) == {"nl", "en"}:
            built.fa.set_flow_style()
        return built
    if isinstance(shape, list):
        return CommentedSeq(_built(item) for item in shape)
    return shape
