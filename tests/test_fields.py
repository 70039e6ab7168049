"""The dataset's field helpers: ``shorten``, the one shortener of messages, lists, chart labels and cells."""

from __future__ import annotations

import pytest

from sebrief.dataset.fields import shorten


def test_a_text_within_the_limit_is_kept_whole() -> None:
    assert shorten("abcdef", 6) == "abcdef"
    assert shorten("", 6) == ""
    assert shorten("x" * 60) == "x" * 60  # the default limit, of messages


def test_a_longer_text_keeps_one_character_less_than_the_limit_and_an_ellipsis() -> None:
    assert shorten("abcdefg", 6) == "abcde…"
    assert shorten("x" * 61) == "x" * 59 + "…"
    # By default nothing is stripped: the cut falls where it falls (messages quote the value as it is).
    assert shorten("ab   cdefgh", 5) == "ab  …"


def test_strip_none_takes_white_space_off_before_the_ellipsis() -> None:
    assert shorten("ab   cdefgh", 5, strip=None) == "ab…"
    assert shorten("ab\u00a0\u00a0cdefgh", 5, strip=None) == "ab…"  # any white space, as str.rstrip()


def test_at_word_cuts_after_the_last_word_that_ends_in_the_second_half() -> None:
    text = "Opdracht voor ondersteuning van ondernemingen"
    assert shorten(text, 20, at_word=True) == "Opdracht voor…"
    assert shorten(text, 20) == "Opdracht voor onder…"


def test_at_word_cuts_through_a_word_when_no_word_ends_in_the_second_half() -> None:
    assert shorten("Ondersteuningsopdracht nummer", 20, at_word=True) == "Ondersteuningsopdra…"
    assert shorten("abcdefgh ijklmnopqrstuvwxyz", 20, at_word=True) == "abcdefgh ijklmnopqr…"


@pytest.mark.parametrize(
    ("strip", "expected"),
    [(" ,;:-–", "Leverancier…"), ("", "Leverancier,…"), (None, "Leverancier,…")],
)
def test_strip_names_the_characters_taken_off_the_cut(strip: str | None, expected: str) -> None:
    assert shorten("Leverancier, Gent en Brugge", 14, at_word=True, strip=strip) == expected
