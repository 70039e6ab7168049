"""A published-style document whose table has a row long enough for WeasyPrint to split it over
two pages (fictional), for the tests that draft datasets from PDFs."""

from __future__ import annotations

LONG_DESCRIPTION = "Een lange omschrijving " + " ".join(["van een studie"] * 40)


def split_row_html(variant: str) -> str:
    """The document as HTML, its table ruled (``variant`` "ruled") or not: 60 rows, the 31st long."""
    rows = [
        f"<tr><td>Studie {i}</td><td>1 maart 2019 – 31 december 2019</td><td>Bureau {i}</td><td>{i}.000 euro</td></tr>"
        for i in range(1, 60)
    ]
    rows.insert(
        30,
        f"<tr><td>{LONG_DESCRIPTION}</td><td>1 maart 2020 – 31 januari 2021</td><td>Bureau X</td>"
        "<td>5.000 euro</td></tr>",
    )
    border = "border: 0.6pt solid #000;" if variant == "ruled" else ""
    lines = ["SCHRIFTELIJKE VRAAG", "nr. 7", "van AN PEETERS", "datum: 3 maart 2020", "aan PIET JANSSENS",
             "VLAAMS MINISTER VAN WERK", "Studies", "1. Welke studies?", "ANTWOORD", "op vraag nr. 7 van 3 maart 2020",
             "1. Zie de tabel:"]  # fmt: skip
    return (
        "<html><head><style>@page { size: A4; margin: 20mm } body { font: 10pt 'DejaVu Sans' }"
        " table { border-collapse: collapse; width: 100% } col.d { width: 40% }"
        f" th, td {{ {border} padding: 4pt; vertical-align: top; text-align: left }}</style></head><body>"
        + "".join(f"<p>{line}</p>" for line in lines)
        + '<table><colgroup><col class="d"><col><col><col></colgroup><thead><tr><th>Omschrijving</th>'
        "<th>Looptijd</th><th>Begunstigde</th><th>Bedrag</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>"
    )
