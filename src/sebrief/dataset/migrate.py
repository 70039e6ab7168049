"""Convert a version 1 dataset to version 2 (``sebrief migrate``).

Version 1 fixed its row kinds, themes, pillars and categories in the format; the reference file
``data/reference/format-v1.yaml`` says what they were, so that the converted dataset defines them
itself and says the same. The conversion works on the files' plain contents (no version 1 model
is kept); the result is checked by loading it as version 2.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from sebrief.resources import data_dir

V2_FIXED_COLUMNS = (
    "id", "kind", "description", "description_source", "period_start", "period_end", "period_precision",
    "period_text", "status", "beneficiary", "beneficiary_count", "amount", "amount_text", "vat_basis", "vat_text",
    "procedure",
)  # fmt: skip
V2_TRAILING_COLUMNS = ("source_ref", "note_nl", "note_en")


def format_v1() -> dict[str, Any]:
    """What version 1 fixed, from the reference file."""
    data: dict[str, Any] = yaml.safe_load((data_dir() / "reference" / "format-v1.yaml").read_text(encoding="utf-8"))
    return data


def migrate_main(main: dict[str, Any]) -> dict[str, Any]:
    """The version 2 main file for a version 1 main file (both as plain data)."""
    v1 = format_v1()
    keys = v1["keys"]
    answer = main.get("answer") or {}
    pillars = answer.get(keys["pillars"]) or []
    table, classification, text = v1["table"], v1["classification"], v1["text"]
    parts = []
    subpart_blocks = {b["part"]: table["id"] for b in table["binds"]}
    subpart_blocks.update({c["answers"]: classification["id"] for c in v1["categories"] if c.get("answers")})
    initiatives = answer.get("initiatives") or []
    for part in main["question"]["parts"]:
        subparts = [
            {"id": sub["id"], "text": sub["text"], "answered_by": _listed(subpart_blocks.get(str(sub["id"])))}
            for sub in part.get("subparts") or []
        ]
        own = [text["id"]] if initiatives and _passage_part(answer, initiatives) == str(part["id"]) else []
        parts.append({"id": part["id"], "text": part["text"], "answered_by": own, "subparts": subparts})
    value_label = v1["pillar"]["value_label"]
    pillar_grouping = {
        "id": v1["pillar"]["id"],
        "label": v1["pillar"]["label"],
        "multiple": True,
        "values": [
            {
                "id": str(p["number"]),
                "label": {lang: value_label[lang].format(number=p["number"]) for lang in ("nl", "en")},
                "text": p["text"],
            }
            for p in pillars
        ],
    }
    groupings = [dict(v1["theme"])] + ([pillar_grouping] if pillars else [])
    blocks: list[dict[str, Any]] = []
    actions = main.get(keys["actions"]) or []
    if actions:
        blocks.append(
            {
                "kind": "classification",
                "id": classification["id"],
                "title": classification["title"],
                "categories": v1["categories"],
                "groups": [
                    {
                        "id": action["id"],
                        "number": action["number"],
                        "text": action["text"],
                        "groupings": {v1["pillar"]["id"]: [str(action["pillar"])]},
                    }
                    for action in actions
                ],
                "items": [
                    {
                        "id": sub["id"],
                        "group": action["id"],
                        "text": sub["text"],
                        "categories": list(sub["modes"]),
                        "basis": sub["basis"],
                        "evidence": list(sub.get("evidence") or []),
                        "rows": list(sub.get("rows") or []),
                        "note": sub["note"],
                    }
                    for action in actions
                    for sub in action[keys["sub_actions"]]
                ],
            }
        )
    blocks.append(
        {
            "kind": "table",
            "id": table["id"],
            "title": table["title"],
            "file": "rows.csv",
            "binds": table["binds"],
            "groupings": [g["id"] for g in groupings],
        }
    )
    if initiatives:
        blocks.append(
            {
                "kind": "text",
                "id": text["id"],
                "title": text["title"],
                "points": [
                    {
                        "passage": item["passage"],
                        "summary": item["summary"],
                        **(
                            {"groupings": {v1["pillar"]["id"]: [str(n) for n in item["pillars"]]}}
                            if item.get("pillars")
                            else {}
                        ),
                    }
                    for item in initiatives
                ],
            }
        )
    migrated: dict[str, Any] = {
        "schema_version": 2,
        "id": main["id"],
        "language": main.get("language", "nl"),
        "metadata": main["metadata"],
        "question": {"introduction": main["question"].get("introduction") or [], "parts": parts},
        "kinds": v1["kinds"],
        "groupings": groupings,
        "answer": {"passages": answer.get("passages") or [], "blocks": blocks},
    }
    if main.get("curation_notes"):
        migrated["curation_notes"] = main["curation_notes"]
    return migrated


def _listed(value: str | None) -> list[str]:
    return [value] if value else []


def _passage_part(answer: dict[str, Any], initiatives: list[dict[str, Any]]) -> str:
    parts = {str(p["id"]): str(p["part"]) for p in answer.get("passages") or []}
    return parts.get(str(initiatives[0]["passage"]), "")


def migrate_rows(records: Iterable[dict[str, str]], groupings: Iterable[str] = ("theme", "pillar")) -> str:
    """The version 2 rows.csv for the records of a version 1 rows.csv."""
    pillar_key = format_v1()["keys"]["pillars"]
    names = list(groupings)
    header = [*V2_FIXED_COLUMNS, *names, *(f"{name}_basis" for name in names), *V2_TRAILING_COLUMNS]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = {name: record.get(name, "") for name in header}
        row["theme"] = record.get("theme", "")
        row["pillar"] = record.get(pillar_key, "")
        row["pillar_basis"] = record.get("pillar_basis", "") if record.get(pillar_key) else ""
        row["theme_basis"] = ""
        writer.writerow({name: row.get(name, "") for name in header})
    return out.getvalue()


def migrate_folder(folder: Path, target: Path) -> list[Path]:
    """Write the version 2 files of the version 1 dataset in ``folder`` to ``target``; return them."""
    from sebrief.write import write_atomic

    main = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    records = list(csv.DictReader(io.StringIO((folder / "rows.csv").read_text(encoding="utf-8"), newline="")))
    migrated = migrate_main(main)
    groupings = [g["id"] for g in migrated["groupings"]]
    written = [
        write_atomic(target / "dataset.yaml", dump_yaml(migrated).encode("utf-8")),
        write_atomic(target / "rows.csv", migrate_rows(records, groupings).encode("utf-8")),
    ]
    source = main["metadata"]["source"]["file"]
    if target.resolve() != folder.resolve():
        written.append(write_atomic(target / source, (folder / source).read_bytes()))
    return written


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = ">" if len(value) > 80 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dt.date, _date)


def dump_yaml(data: dict[str, Any], header: str = "") -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    return header + body
