"""sebrief.dataset.field_errors: pydantic's errors as messages in the user's language; an error of a
kind the loader does not expect keeps pydantic's own English words rather than failing."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from sebrief.dataset.field_errors import describe, relevant
from sebrief.i18n import Translator

DUTCH = Translator("nl")


def test_an_unexpected_kind_of_error_keeps_pydantics_words() -> None:
    detail = {"type": "url_scheme", "msg": "URL scheme should be 'http' or 'https'", "input": "ftp://x", "loc": ()}
    message = describe(detail, "metadata.source.url")
    assert str(message) == "metadata.source.url: URL scheme should be 'http' or 'https' (got 'ftp://x')"
    assert message.text(DUTCH) == "metadata.source.url: URL scheme should be 'http' or 'https' (gekregen: 'ftp://x')"


class _Sample(BaseModel):
    number: int
    amount: float


@pytest.mark.parametrize(
    ("data", "english", "dutch"),
    [
        (
            {"number": "veertien", "amount": 1},
            "number: 'veertien' is not a whole number; write digits only (for example 14)",
            "number: 'veertien' is geen geheel getal; schrijf alleen cijfers (bijvoorbeeld 14)",
        ),
        ({"amount": 1}, "number: required field is missing; add it", "number: verplicht veld ontbreekt; voeg het toe"),
    ],
    ids=["int-parsing", "missing"],
)
def test_pydantics_errors_in_both_languages(data: dict[str, Any], english: str, dutch: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _Sample.model_validate(data)
    (detail,) = relevant(caught.value)
    message = describe(detail, ".".join(str(part) for part in detail["loc"]))
    assert (str(message), message.text(DUTCH)) == (english, dutch)
