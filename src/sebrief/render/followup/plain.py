"""The follow-up question as plain text or Markdown, to paste into the parliament's web form.

Paragraphs are not wrapped (a form wraps them itself) and are separated by an empty line. A
question keeps its number from the brief; in Markdown the number is written in bold rather than as
a list item, which a Markdown reader would number again from 1. A house style changes nothing here:
what is pasted into the form is the question, and a letterhead line would become part of it.
"""

from __future__ import annotations

import re

from sebrief.render.followup.letter import Letter

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def text_bytes(letter: Letter) -> bytes:
    blocks = [
        f"{letter.kind.upper()}\n{letter.draft}",
        f"{letter.to} {letter.minister}\n{letter.portfolio}",
        letter.title,
        *letter.introduction,
        *(f"{q.number}. {q.text}\n   {letter.basis_label}: {q.basis}" for q in letter.questions),
        *([] if letter.questions else [letter.no_questions]),
        letter.attachments_title + "".join(f"\n- {name}: {what}" for name, what in letter.attachments),
    ]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def markdown_bytes(letter: Letter) -> bytes:
    md = _escaped
    blocks = [
        f"**{md(letter.kind.upper())}**  \n*{md(letter.draft)}*",
        f"{md(letter.to)} **{md(letter.minister)}**  \n{md(letter.portfolio)}",
        f"# {md(letter.title)}",
        *(md(paragraph) for paragraph in letter.introduction),
        *(f"**{q.number}.** {md(q.text)}\n\n> *{md(letter.basis_label)}:* {md(q.basis)}" for q in letter.questions),
        *([] if letter.questions else [md(letter.no_questions)]),
        f"## {md(letter.attachments_title)}",
        "\n".join(f"- **{md(name)}**: {md(what)}" for name, what in letter.attachments),
    ]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def _escaped(text: str) -> str:
    """Text that Markdown shows as it is: its markup characters escaped, a leading number not read as a list."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\d+)\.", r"\1\\.", escaped)
