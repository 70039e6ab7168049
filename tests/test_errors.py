"""sebrief.errors: a dataset's problems are English message ids with their values, put in the
user's language only when they are shown."""

from __future__ import annotations

from sebrief.errors import Count, DatasetError, Message, Problem, and_list, line_at, or_list
from sebrief.i18n import Translator

DUTCH = Translator("nl")
ENGLISH = Translator("en")


def test_a_message_is_english_until_it_is_translated() -> None:
    message = Message("row id {id} is used more than once; make row ids unique across all tables", id="R17")
    assert str(message) == "row id R17 is used more than once; make row ids unique across all tables"
    assert message.text(ENGLISH) == str(message)
    assert message.text(DUTCH) == (
        "rij-id R17 komt meer dan één keer voor; elke rij-id mag maar één keer voorkomen, over alle tabellen heen"
    )


def test_values_that_are_messages_are_translated_with_it_and_the_others_stay_as_typed() -> None:
    problem = Problem("rows.csv", line_at(12, "amount"), Message("{got} is negative; it must be 0 or more", got="'-1'"))
    assert str(problem) == "rows.csv, line 12, column amount: '-1' is negative; it must be 0 or more"
    assert problem.text(DUTCH) == "rows.csv, regel 12, kolom amount: '-1' is negatief; het moet 0 of meer zijn"
    assert Message("row {row}, column {column}", row=3, column="F").text(DUTCH) == "rij 3, kolom F"


def test_plural_messages_and_lists_follow_the_count() -> None:
    one = Message.plural("missing column {names}", "missing columns {names}", 1, names="id")
    two = Message.plural("missing column {names}", "missing columns {names}", 2, names="id, kind")
    assert (str(one), one.text(DUTCH)) == ("missing column id", "ontbrekende kolom id")
    assert (str(two), two.text(DUTCH)) == ("missing columns id, kind", "ontbrekende kolommen id, kind")
    assert [str(and_list(names)) for names in (["a"], ["a", "b"], ["a", "b", "c"])] == ["a", "a and b", "a, b and c"]
    assert Message("{x}", x=or_list(["'a'", "'b'", "'c'"])).text(DUTCH) == "'a', 'b' of 'c'"


def test_counts_are_grouped_the_local_way() -> None:
    message = Message("{names} … and {count} more", names="x_0", count=Count(99_967))
    assert (str(message), message.text(DUTCH)) == ("x_0 … and 99,967 more", "x_0 … en nog 99.967")


def test_a_literal_brace_survives_translation() -> None:
    message = Message("a follow-up question names its item with {{item}} in both languages")
    assert str(message) == "a follow-up question names its item with {item} in both languages"
    assert message.text(DUTCH) == "een vervolgvraag noemt haar onderdeel met {item}, in beide talen"


def test_the_report_of_a_dataset_error_is_in_one_language() -> None:
    error = DatasetError(
        [
            Problem("rows.csv", line_at(9), Message("no rows; add one row per line of the answer's table")),
            Problem("dataset.yaml", None, Message("no such file or folder; check the path")),
        ]
    )
    assert error.report("en").splitlines() == [
        "error: the dataset has 2 problems:",
        "  dataset.yaml: no such file or folder; check the path",
        "  rows.csv, line 9: no rows; add one row per line of the answer's table",
    ]
    assert error.report("nl").splitlines() == [
        "fout: de dataset heeft 2 problemen:",
        "  dataset.yaml: bestand of map bestaat niet; controleer het pad",
        "  rows.csv, regel 9: geen rijen; voeg één rij toe per regel van de tabel in het antwoord",
    ]
    assert error.report("en") == f"error: {error}"  # the library's text is the English
