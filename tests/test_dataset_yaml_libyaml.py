"""dataset.yaml read by libyaml (ten times faster, what makes `sebrief corpus add` of thousands of
questions quick) gives the very values, lines and problems of PyYAML's own loader; whatever
libyaml's reading could differ on (anchors, deep nesting, duplicate keys, control characters, any
error) is read again by the Python loader, which reports it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sebrief.dataset import reading
from sebrief.errors import Problem

ROOT = Path(__file__).parent.parent
FILES = sorted([*ROOT.glob("data/*/dataset.yaml"), *ROOT.glob("tests/fixtures/datasets/*/dataset.yaml")])


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[Problem], Any, list[Problem]]:
    fast_problems: list[Problem] = []
    fast = reading._parse_yaml(text, fast_problems)
    slow_problems: list[Problem] = []
    with monkeypatch.context() as patched:
        patched.setattr(reading, "_fast", lambda text: None)
        slow = reading._parse_yaml(text, slow_problems)
    return fast, fast_problems, slow, slow_problems


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.parent.name)
def test_every_dataset_yaml_is_read_by_libyaml_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    fast, fast_problems, slow, slow_problems = _both(text, monkeypatch)
    assert repr(fast) == repr(slow) and fast_problems == slow_problems == []
    monkeypatch.setattr(reading, "_Loader", None)  # the fast way is taken: the Python loader is not needed
    assert repr(reading._parse_yaml(text, [])) == repr(slow)


def test_there_are_datasets_to_read() -> None:
    assert len(FILES) >= 3


def _nested(depth: int) -> str:
    return "a: " + "[" * depth + "1" + "]" * depth + "\n"


CASES = {
    "dates stay text": "date_asked: 2021-03-04\nnumber: 0x1F\nflag: yes\nempty:\n",
    "nesting the Python loader takes": _nested(30),
    "nesting the Python loader refuses": _nested(60),
    "anchor and alias": "a: &x 1\nb: *x\n",
    "anchor only": "a: &x 1\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "control character": "a: b\x07c\n",
    "tab": "a:\n\tb: 1\n",
    "bad tag": "a: !!int abc\n",
    "second document": "a: 1\n---\nb: 2\n",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_what_libyaml_could_read_otherwise_is_reported_as_before(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, fast_problems, slow, slow_problems = _both(text, monkeypatch)
    assert repr(fast) == repr(slow) and fast_problems == slow_problems


def test_dates_stay_text_for_the_model_to_read() -> None:
    data, lines = reading._parse_yaml(CASES["dates stay text"], []) or (None, None)
    assert data == {"date_asked": "2021-03-04", "number": 31, "flag": True, "empty": None}
    assert lines == {(): 1, ("date_asked",): 1, ("number",): 2, ("flag",): 3, ("empty",): 4}
