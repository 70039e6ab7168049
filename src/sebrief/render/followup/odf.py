"""The follow-up question as an OpenDocument text (.odt), written directly as ODF 1.3 XML.

No LibreOffice and no other library is needed, and the same letter gives the same bytes: the
package is four small XML files (content, styles, meta, manifest) and its ``mimetype``, zipped
with fixed dates. The layout and the named styles are those of the Word document. A house style
adds a letterhead to the page's header (the logo, PNG or SVG, in ``Pictures/``), its footer line,
fonts and the headings' colour.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from sebrief.render.followup.house import PNG, Letterhead
from sebrief.render.followup.letter import Letter
from sebrief.render.followup.package import packed

MIMETYPE = "application/vnd.oasis.opendocument.text"
COUNTRY = {"nl": ("nl", "BE"), "en": ("en", "GB")}
NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
)
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
# name: (parent, paragraph properties, text properties)
STYLES: dict[str, tuple[str, str, str]] = {
    "Question_20_kind": ("Standard", 'fo:margin-bottom="0.07cm"',
                         'fo:font-size="15pt" fo:font-weight="bold" fo:text-transform="uppercase"'),
    "Draft_20_note": ("Standard", 'fo:margin-bottom="0.7cm"',
                      'fo:font-size="9pt" fo:font-style="italic" fo:color="#595959"'),
    "Addressee": ("Standard", 'fo:margin-bottom="0cm"', ""),
    "Portfolio": ("Standard", 'fo:margin-bottom="0.2cm"', ""),
    "Heading_20_1": ("Standard", 'fo:margin-top="0.63cm" fo:margin-bottom="0.28cm" fo:keep-with-next="always"',
                     'fo:font-size="13pt" fo:font-weight="bold"'),
    "Heading_20_2": ("Standard", 'fo:margin-top="0.56cm" fo:margin-bottom="0.28cm" fo:keep-with-next="always"',
                     'fo:font-size="11pt" fo:font-weight="bold"'),
    "Introduction": ("Standard", "", ""),
    "Numbered_20_question": ("Standard", 'fo:margin-left="0.75cm" fo:text-indent="-0.75cm" '
                             'fo:margin-bottom="0.07cm" fo:keep-with-next="always"', ""),
    "Question_20_basis": ("Standard", 'fo:margin-left="0.75cm" fo:margin-bottom="0.35cm"',
                          'fo:font-size="8.5pt" fo:color="#595959"'),
    "Attachment": ("Standard", 'fo:margin-left="0.75cm" fo:text-indent="-0.75cm" fo:margin-bottom="0.14cm"', ""),
    "Footer": ("Standard", 'fo:margin-bottom="0cm"', 'fo:font-size="8pt" fo:color="#595959"'),
}  # fmt: skip
TABS = {"Numbered_20_question": "0cm", "Footer": "16cm", "Letterhead": "16cm"}  # the last two: right-aligned
# A letterhead's logo is drawn as a frame: the namespaces of frames and links, only then.
DRAWING = ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"'


def odt_bytes(letter: Letter, house: Letterhead | None = None) -> bytes:
    """The letter as an .odt; in ``house``'s house style when there is one."""
    logo = house.logo if house is not None else None
    picture = f"Pictures/logo.{'png' if logo.media_type == PNG else 'svg'}" if logo is not None else None
    entries = [
        ("mimetype", MIMETYPE.encode("ascii")),
        ("content.xml", _content(letter).encode("utf-8")),
        ("styles.xml", _styles(letter, house, picture).encode("utf-8")),
        ("meta.xml", _meta(letter).encode("utf-8")),
        ("META-INF/manifest.xml", _manifest(picture, logo.media_type if logo is not None else None).encode("utf-8")),
    ]
    if picture is not None and logo is not None:
        entries.insert(4, (picture, logo.data))
    return packed(entries, letter.timestamp, stored=frozenset({"mimetype"}))


def _p(style: str, inner: str) -> str:
    return f'<text:p text:style-name="{style}">{inner}</text:p>'


def _bold(text: str) -> str:
    return f'<text:span text:style-name="Strong">{escape(text)}</text:span>'


def _content(letter: Letter) -> str:
    body = [
        _p("Question_20_kind", escape(letter.kind)),
        _p("Draft_20_note", escape(letter.draft)),
        _p("Addressee", f"{escape(letter.to)} {_bold(letter.minister)}"),
        _p("Portfolio", escape(letter.portfolio)),
        f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{escape(letter.title)}</text:h>',
        *(_p("Introduction", escape(paragraph)) for paragraph in letter.introduction),
    ]
    for question in letter.questions:
        body.append(_p("Numbered_20_question", f"{question.number}.<text:tab/>{escape(question.text)}"))
        body.append(_p("Question_20_basis", f"{_bold(letter.basis_label + ':')} {escape(question.basis)}"))
    if not letter.questions:
        body.append(_p("Introduction", escape(letter.no_questions)))
    body.append(
        f'<text:h text:style-name="Heading_20_2" text:outline-level="2">{escape(letter.attachments_title)}</text:h>'
    )
    body.extend(_p("Attachment", f"{_bold(name)} – {escape(what)}") for name, what in letter.attachments)
    return (
        f"{HEAD}<office:document-content {NAMESPACES}><office:body><office:text>"
        + "".join(body)
        + "</office:text></office:body></office:document-content>\n"
    )


def _styles(letter: Letter, house: Letterhead | None = None, picture: str | None = None) -> str:
    language, country = COUNTRY[letter.lang]
    named = []
    for name, (parent, paragraph, text) in _house_styles(house).items():
        tab = TABS.get(name)
        stops = (
            f'<style:tab-stops><style:tab-stop style:position="{tab}"'
            + (' style:type="right"' if name in ("Footer", "Letterhead") else "")
            + "/></style:tab-stops>"
            if tab
            else ""
        )
        display = name.replace("_20_", " ")
        named.append(
            f'<style:style style:name="{name}" style:display-name="{display}" style:family="paragraph" '
            f'style:parent-style-name="{parent}"'
            + (f' style:default-outline-level="{name[-1]}"' if name.startswith("Heading") else "")
            + f"><style:paragraph-properties {paragraph}>{stops}</style:paragraph-properties>"
            f"<style:text-properties {text}/></style:style>"
        )
    footer = f"{escape(letter.footer)}<text:tab/>{escape(letter.page)} " + (
        '<text:page-number text:select-page="current">1</text:page-number>'
    )
    header = header_style = ""
    if house is not None and house.footer:  # the house's line, then sebrief's note and the page
        footer = f'{escape(house.footer)}</text:p><text:p text:style-name="Footer">{footer}'
    if house is not None and (house.organisation or house.logo):
        header = f"<style:header>{_letterhead(house, picture)}</style:header>"
        header_style = (
            '<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.6cm"/>'
            "</style:header-style>"
        )
    base = house.base_font if house is not None and house.base_font else "Arial"
    return (
        f"{HEAD}<office:document-styles {NAMESPACES}{DRAWING if picture else ''}>"
        f"<office:font-face-decls>{_font_faces(house)}</office:font-face-decls>"
        "<office:styles>"
        f'<style:default-style style:family="paragraph"><style:text-properties style:font-name="{base}" '
        f'fo:font-size="10.5pt" fo:language="{language}" fo:country="{country}" fo:color="#1a1a1a"/>'
        "</style:default-style>"
        '<style:style style:name="Standard" style:family="paragraph">'
        '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.28cm" fo:line-height="120%"/>'
        "</style:style>" + "".join(named) + '<style:style style:name="Strong" style:display-name="Strong Emphasis" '
        'style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
        "</office:styles>"
        '<office:automatic-styles><style:page-layout style:name="A4">'
        '<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" '
        f'fo:margin-top="{"1cm" if header else "2.2cm"}" '
        'fo:margin-bottom="1cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm" style:print-orientation="portrait"/>'
        f"{header_style}"
        '<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/>'
        "</style:footer-style></style:page-layout></office:automatic-styles>"
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">'
        f"{header}"
        f'<style:footer><text:p text:style-name="Footer">{footer}</text:p></style:footer>'
        "</style:master-page></office:master-styles></office:document-styles>\n"
    )


def _meta(letter: Letter) -> str:
    when = letter.timestamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    language, country = COUNTRY[letter.lang]
    return (
        f"{HEAD}<office:document-meta {NAMESPACES}><office:meta>"
        "<meta:generator>sebrief</meta:generator>"
        f"<dc:title>{escape(letter.title)}</dc:title><dc:subject>{escape(letter.subject)}</dc:subject>"
        f"<dc:language>{language}-{country}</dc:language>"
        f"<meta:creation-date>{when}</meta:creation-date><dc:date>{when}</dc:date>"
        "</office:meta></office:document-meta>\n"
    )


def _house_styles(house: Letterhead | None) -> dict[str, tuple[str, str, str]]:
    """STYLES, with the headings in the house's font and colour, and the letterhead's style."""
    if house is None:
        return STYLES
    font = f' style:font-name="{house.heading_font}"' if house.heading_font else ""
    colour = f' fo:color="{house.primary}"' if house.primary else ""
    styles = dict(STYLES)
    for name in ("Question_20_kind", "Heading_20_1", "Heading_20_2"):
        parent, paragraph, text = styles[name]
        styles[name] = (parent, paragraph, text + font + colour)
    rule = house.primary or "#595959"
    styles["Letterhead"] = ("Standard", f'fo:margin-bottom="0cm" fo:padding-bottom="0.1cm" '
                            f'fo:border-bottom="0.5pt solid {rule}"',
                            f'fo:font-size="11pt" fo:font-weight="bold"{font}{colour}')  # fmt: skip
    return styles


def _font_faces(house: Letterhead | None) -> str:
    families = ["Arial"]
    if house is not None:
        families += [f for f in (house.base_font, house.heading_font) if f and f not in families]
    return "".join(
        f'<style:font-face style:name="{family}" svg:font-family="{_quoted(family)}"'
        + (' style:font-family-generic="swiss" style:font-pitch="variable"' if family == "Arial" else "")
        + "/>"
        for family in families
    )


def _quoted(family: str) -> str:
    """A family name as svg:font-family writes it: quoted when it has a space."""
    return f"&apos;{family}&apos;" if " " in family else family


def _letterhead(house: Letterhead, picture: str | None) -> str:
    """The logo and the organisation's name, right-aligned after a tab, over a rule in the main colour."""
    frame = ""
    if house.logo is not None and picture is not None:
        name = escape(house.organisation or house.logo.filename, {'"': "&quot;"})
        frame = (
            f'<draw:frame draw:name="Logo" text:anchor-type="as-char" svg:width="{house.logo.width_mm}mm" '
            f'svg:height="{house.logo.height_mm}mm" draw:z-index="0"><draw:image xlink:href="{picture}" '
            'xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
            f"<svg:title>{name}</svg:title></draw:frame>"
        )
    organisation = escape(house.organisation or "")
    between = "<text:tab/>" if frame and organisation else ""
    return f'<text:p text:style-name="Letterhead">{frame}{between}{organisation}</text:p>'


def _manifest(picture: str | None = None, media_type: str | None = None) -> str:
    files = "".join(
        f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type="text/xml"/>'
        for name in ("content.xml", "styles.xml", "meta.xml")
    )
    if picture is not None:
        files += f'<manifest:file-entry manifest:full-path="{picture}" manifest:media-type="{media_type}"/>'

    return (
        f'{HEAD}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{MIMETYPE}"/>'
        f"{files}</manifest:manifest>\n"
    )
