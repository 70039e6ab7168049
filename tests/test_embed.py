"""Files embedded in the PDF, packed once before the PDF is written (``sebrief.render.pdf.embed``)."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator

import pytest

from sebrief.render import Attachment
from sebrief.render.pdf.embed import pack, pack_chunks

# Text that compresses, and bytes that hardly do, as a dataset's JSON and a workbook are.
TEXT = "".join(f'{{"id": "R{n:05d}", "amount": "{n * 7919 % 100000}.{n % 100:02d}"}},\n' for n in range(20000))
NOISE = hashlib.sha256(b"seed").digest() * 4096


def chunks_of(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


@pytest.mark.parametrize("data", [TEXT.encode("utf-8"), NOISE, b""], ids=["text", "noise", "empty"])
def test_a_packed_file_unpacks_to_its_bytes_with_their_size_and_md5(data: bytes) -> None:
    for packed in (pack(data), pack_chunks(chunks_of(data, 10_000))):
        assert zlib.decompress(packed.deflated) == data
        assert packed.size == len(data)
        assert packed.md5 == hashlib.md5(data).hexdigest()


def test_the_same_chunks_pack_to_the_same_bytes() -> None:
    data = TEXT.encode("utf-8")
    assert pack_chunks(chunks_of(data, 4096)) == pack_chunks(chunks_of(data, 4096))
    assert len(pack(data).deflated) < len(data) // 3  # compressed, not stored


def test_an_error_while_the_chunks_are_made_is_raised() -> None:
    def failing() -> Iterator[bytes]:
        yield b"first piece"
        raise ValueError("no second piece")

    with pytest.raises(ValueError, match="no second piece"):
        pack_chunks(failing())


def test_an_attachment_gives_its_own_bytes_packed_or_not() -> None:
    data = TEXT.encode("utf-8")
    assert Attachment("a.json", pack(data), "", "application/json").content() == data
    assert Attachment("a.json", data, "", "application/json").content() == data
