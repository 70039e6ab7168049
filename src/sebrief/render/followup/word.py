"""The follow-up question as a Word document (python-docx): A4, named styles, a footer with the page.

The layout follows a written question of the genre: the heading "Written question" and a line that
says it is a draft, the addressee (minister and portfolio), the title, the introduction, the
numbered questions (each with its basis in a smaller line under it) and the attachments. Numbers
are typed, not Word's automatic numbering, so that a question keeps its number from the brief
(3, 5, 8 when only those are chosen). Styles are named, so that a user restyles the document in
Word as a whole. A house style adds a letterhead (logo and organisation) to the page's header,
its footer line, its fonts and the headings' colour; the text stays the same.
"""

from __future__ import annotations

import io
from typing import cast

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from sebrief.render.followup.house import PNG, Letterhead
from sebrief.render.followup.letter import Letter
from sebrief.render.followup.package import repacked

FONT = "Arial"
INK = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x59, 0x59, 0x59)
HANG = Cm(0.75)  # the indent of a question's text after its number
LANGUAGE = {"nl": "nl-BE", "en": "en-GB"}


MEDIA_TYPES = frozenset({PNG})  # python-docx embeds PNG (and other bitmaps), not SVG


def word_bytes(letter: Letter, house: Letterhead | None = None) -> bytes:
    """The letter as a .docx; in ``house``'s house style when there is one."""
    document = Document()
    _page(document, letter, house)
    styles = _styles(document, letter, house)
    add = document.add_paragraph
    add(letter.kind, styles["kind"])
    add(letter.draft, styles["draft"])
    addressee = add("", styles["addressee"])
    addressee.add_run(f"{letter.to} ")
    addressee.add_run(letter.minister).bold = True
    add(letter.portfolio, styles["portfolio"])
    document.add_paragraph(letter.title, "Heading 1")
    for paragraph in letter.introduction:
        add(paragraph, styles["body"])
    for question in letter.questions:
        add(f"{question.number}.\t{question.text}", styles["question"])
        basis = add("", styles["basis"])
        basis.add_run(f"{letter.basis_label}: ").bold = True
        basis.add_run(question.basis)
    if not letter.questions:
        add(letter.no_questions, styles["body"])
    document.add_paragraph(letter.attachments_title, "Heading 2")
    for name, what in letter.attachments:
        attachment = add("", styles["attachment"])
        attachment.add_run(name).bold = True
        attachment.add_run(f" – {what}")
    _properties(document, letter)
    raw = io.BytesIO()
    document.save(raw)
    return repacked(raw.getvalue(), letter.timestamp)


def _page(document: WordDocument, letter: Letter, house: Letterhead | None) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.footer_distance = Mm(10)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    if house is not None and (house.organisation or house.logo):
        section.top_margin = Mm(34)  # below the letterhead (10 mm from the edge, a logo of 12 mm, its rule)
        _letterhead(document, house)
    if house is not None and house.footer:  # the house's line, then sebrief's note and the page
        footer.add_run(house.footer)
        footer = section.footer.add_paragraph(style=document.styles["Footer"])
    footer.add_run(f"{letter.footer}\t{letter.page} ")
    _page_number(footer)


def _letterhead(document: WordDocument, house: Letterhead) -> None:
    """The logo and the organisation's name at the top of every page, over a rule in the main colour."""
    section = document.sections[0]
    section.header_distance = Mm(10)
    head = section.header.paragraphs[0]
    style = cast(ParagraphStyle, document.styles["Header"])
    style.paragraph_format.tab_stops.clear_all()  # the template's centre and right stops, past the margin
    style.paragraph_format.tab_stops.add_tab_stop(Mm(160), WD_TAB_ALIGNMENT.RIGHT)
    style.paragraph_format.space_after = Pt(0)
    head.style = style
    if house.logo is not None:
        picture = head.add_run().add_picture(io.BytesIO(house.logo.data), width=Mm(house.logo.width_mm),
                                              height=Mm(house.logo.height_mm))  # fmt: skip
        picture._inline.docPr.set("descr", house.organisation or house.logo.filename)
    if house.organisation:
        name = head.add_run(f"\t{house.organisation}" if house.logo is not None else house.organisation)
        name.bold = True
        name.font.size = Pt(11)
        name.font.name = house.heading_font or FONT
        name.font.color.rgb = _rgb(house.primary) if house.primary else INK
    _rule_under(head, house.primary or "#595959")


def _rule_under(paragraph: Paragraph, colour: str) -> None:
    """A thin line under the paragraph, in ``colour``."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", colour.lstrip("#").upper())):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _page_number(paragraph: Paragraph) -> None:
    """A PAGE field: Word and LibreOffice show the page's number in its place."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _styles(document: WordDocument, letter: Letter, house: Letterhead | None) -> dict[str, ParagraphStyle]:
    styles = document.styles
    base = house.base_font if house is not None and house.base_font else FONT
    headings = house.heading_font if house is not None and house.heading_font else FONT
    accent = _rgb(house.primary) if house is not None and house.primary else INK
    normal = styles["Normal"]
    normal.font.name, normal.font.size, normal.font.color.rgb = base, Pt(10.5), INK
    _language(normal, LANGUAGE[letter.lang])
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.2
    for name, size, before in (("Heading 1", 13, 18), ("Heading 2", 11, 16)):
        heading = styles[name]
        heading.font.name, heading.font.size, heading.font.bold = headings, Pt(size), True
        heading.font.color.rgb = accent
        heading.paragraph_format.space_before, heading.paragraph_format.space_after = Pt(before), Pt(8)
        _ascii_font(heading, headings)
    footer = styles["Footer"]
    footer.font.name, footer.font.size, footer.font.color.rgb = base, Pt(8), MUTED
    footer.paragraph_format.tab_stops.clear_all()  # the template's centre and right stops, past the margin
    footer.paragraph_format.tab_stops.add_tab_stop(Mm(160), WD_TAB_ALIGNMENT.RIGHT)

    def style(name: str, size: float = 10.5, after: float = 8, bold: bool = False, italic: bool = False,
              indent: bool = False, hang: bool = False, color: RGBColor = INK) -> ParagraphStyle:  # fmt: skip
        made = cast(ParagraphStyle, styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
        made.base_style = normal
        made.font.size, made.font.bold, made.font.italic, made.font.color.rgb = Pt(size), bold, italic, color
        made.paragraph_format.space_after = Pt(after)
        if indent or hang:
            made.paragraph_format.left_indent = HANG
        if hang:
            made.paragraph_format.first_line_indent = -HANG
            made.paragraph_format.tab_stops.add_tab_stop(HANG)
        return made

    made = {
        "kind": style("Question kind", size=15, after=2, bold=True),
        "draft": style("Draft note", size=9, after=20, italic=True, color=MUTED),
        "addressee": style("Addressee", after=0),
        "portfolio": style("Portfolio", after=6),
        "body": style("Introduction"),
        "question": style("Numbered question", after=2, hang=True),
        "basis": style("Question basis", size=8.5, after=10, indent=True, color=MUTED),
        "attachment": style("Attachment", after=4, hang=True),
    }
    made["kind"].font.all_caps = True
    if house is not None:  # the heading of the letter in the house's heading font and colour
        made["kind"].font.name, made["kind"].font.color.rgb = headings, accent
    made["question"].paragraph_format.keep_with_next = True
    return made


def _ascii_font(style: ParagraphStyle, font: str) -> None:
    """The font for every script: the built-in headings name the theme's font, which overrides ``font.name``."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), font)
    fonts.set(qn("w:hAnsi"), font)


def _language(style: ParagraphStyle, language: str) -> None:
    """The language of the text, for Word's spelling check and hyphenation."""
    properties = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    properties.append(lang)


def _properties(document: WordDocument, letter: Letter) -> None:
    """Document properties that depend on the letter only: no author, no time of the build."""
    when = letter.timestamp.replace(tzinfo=None)
    core = document.core_properties
    core.title, core.subject, core.language = letter.title, letter.subject, LANGUAGE[letter.lang]
    core.author = core.last_modified_by = core.comments = core.keywords = core.category = ""
    core.created = core.modified = when
    core.revision = 1
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:  # python-docx's picture of an empty page
            del package.rels[rel_id]
