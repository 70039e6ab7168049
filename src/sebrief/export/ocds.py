"""The public contracts of a dataset as an OCDS 1.1 release package.

One release per public-contract row of the answer's table, with the Open Contracting Data
Standard's own vocabulary; the choices this needs are made here once, and the README repeats
them:

- ``ocid``: ``ocds-sebrief-<dataset id>-<row id>``. ``ocds-sebrief`` is a placeholder, not a
  registered ocid prefix (registered prefixes are ``ocds-`` followed by six characters, such as
  ``ocds-213czf``; ``sebrief`` has seven, so it cannot clash with one). A publisher who owns a
  registered prefix passes it as ``ocid_prefix``.
- ``date`` of each release: the date of the information, that is the answer's date when the
  dataset has it, else the question's ``date_asked`` (the source of SV 221 gives no answer
  date), at 00:00:00Z.
- ``publishedDate`` of the package: ``SOURCE_DATE_EPOCH`` when it is set (reproducible builds),
  else the same date as the releases; never the current time, so two runs give the same bytes.
- ``uri``: ``https://sebrief.invalid/ocds/<dataset id>/release-package.json``; the ``.invalid``
  domain can never resolve, so nobody mistakes it for a published copy.
- Rows in procedure are ``tender`` releases with an ``active`` tender and no award; awarded rows
  are ``award`` releases with a ``complete`` tender and one ``active`` award.
- The buyer is "Vlaamse overheid" (the Flemish government, which the question names as the
  organiser); the answer does not name the contracting department, so none is invented.
- Amounts "excl. BTW" are net amounts with ``valueAddedTaxIncluded: false``, a field of the
  ``ocds_valueAddedTax_extension`` (declared in the package's ``extensions``); where the source
  does not state the VAT basis the field is left out rather than guessed.
- Contract periods run from 00:00:00Z on their first day to 23:59:59Z on their last day (the
  source gives days, not times).
- Subsidy calls are not public contracts, so they are not in the package: OCDS describes
  contracting processes, and a subsidy call has no buyer, tender or supplier. ``excluded_rows``
  lists them, and ``sebrief export`` says on standard error how many it left out.

Validation (``validate_release_package``) uses the OCDS 1.1.5 schemas copied into
``data/schemas/`` and jsonschema, a test dependency; it never goes to the network.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from sebrief.model import Dataset, Period, RowKind, TableRow, VatBasis
from sebrief.resources import data_dir
from sebrief.write import build_timestamp

OCDS_VERSION = "1.1"
OCID_PREFIX = "ocds-sebrief"
BUYER_NAME = "Vlaamse overheid"
CURRENCY = "EUR"
VAT_EXTENSION = "https://raw.githubusercontent.com/openprocurement/ocds_valueAddedTax_extension/master/extension.json"
# The field the VAT extension adds to Value (its release-schema.json), for validation.
VAT_FIELD_SCHEMA: dict[str, Any] = {
    "title": "Tax Included",
    "description": "A Yes/No field to indicate whether the value tax was included",
    "type": ["boolean", "null"],
}
PACKAGE_SCHEMA_FILE = "ocds-1.1.5-release-package-schema.json"
RELEASE_SCHEMA_FILE = "ocds-1.1.5-release-schema.json"


def public_contracts(dataset: Dataset) -> tuple[TableRow, ...]:
    """The rows the package describes: the public contracts, in table order."""
    return tuple(row for row in dataset.rows if row.kind is RowKind.PUBLIC_CONTRACT)


def excluded_rows(dataset: Dataset) -> tuple[TableRow, ...]:
    """The rows left out of the package: the subsidy calls, which are not public contracts."""
    return tuple(row for row in dataset.rows if row.kind is not RowKind.PUBLIC_CONTRACT)


def information_date(dataset: Dataset) -> dt.date:
    """The date of the information: the answer's date if known, else the question's."""
    return dataset.metadata.date_answered or dataset.metadata.date_asked


def published_date(dataset: Dataset) -> str:
    """``publishedDate``: from ``SOURCE_DATE_EPOCH`` if set, else the information date at 00:00:00Z."""
    return build_timestamp(information_date(dataset)).strftime("%Y-%m-%dT%H:%M:%SZ")


def release_package(
    dataset: Dataset,
    *,
    ocid_prefix: str = OCID_PREFIX,
    buyer_name: str = BUYER_NAME,
) -> dict[str, Any]:
    """The OCDS 1.1 release package of the dataset's public contracts (see the module's notes)."""
    releases = [_release(dataset, row, ocid_prefix, buyer_name) for row in public_contracts(dataset)]
    return {
        "uri": f"https://sebrief.invalid/ocds/{dataset.id}/release-package.json",
        "version": OCDS_VERSION,
        "extensions": [VAT_EXTENSION],
        "publishedDate": published_date(dataset),
        "publisher": {"name": "sebrief"},
        "releases": releases,
    }


def release_package_bytes(dataset: Dataset, **options: Any) -> bytes:
    """The release package as UTF-8 JSON (indented, trailing newline); deterministic."""
    package = release_package(dataset, **options)
    return (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def ocds_amount(amount: Decimal) -> float:
    """``amount`` as the JSON number OCDS wants, refusing any that a float cannot carry exactly."""
    number = float(amount)
    if Decimal(repr(number)) != amount:
        raise ValueError(f"the amount {amount} cannot be written exactly as a JSON number")
    return number


def party_id(name: str) -> str:
    """A stable party id from an organisation's name: ``Deloitte Consulting`` -> ``deloitte-consulting``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "party"


def _release(dataset: Dataset, row: TableRow, ocid_prefix: str, buyer_name: str) -> dict[str, Any]:
    buyer = {"id": party_id(buyer_name), "name": buyer_name}
    parties: list[dict[str, Any]] = [{**buyer, "roles": ["buyer", "procuringEntity"]}]
    awards: list[dict[str, Any]] = []
    if row.is_awarded:
        assert row.amount is not None and row.beneficiary is not None and row.period is not None
        supplier = {"id": party_id(row.beneficiary), "name": row.beneficiary}
        parties.append({**supplier, "roles": ["supplier"]})
        awards.append(
            {
                "id": f"{row.id}-award",
                "status": "active",
                "value": _value(row.amount, row.vat_basis),
                "suppliers": [supplier],
                "contractPeriod": _period(row.period),
            }
        )
    ocid = f"{ocid_prefix}-{dataset.id}-{row.id}"
    tag = "award" if row.is_awarded else "tender"
    release: dict[str, Any] = {
        "ocid": ocid,
        "id": "",
        "date": _start_of_day(information_date(dataset)),
        "language": dataset.main.language,
        "tag": [tag],
        "initiationType": "tender",
        "parties": parties,
        "buyer": buyer,
        "tender": _tender(dataset, row, ocid),
    }
    if awards:
        release["awards"] = awards
    release["id"] = f"{row.id}-{tag}-{_digest(release)}"
    return release


def _tender(dataset: Dataset, row: TableRow, ocid: str) -> dict[str, Any]:
    meta = dataset.metadata
    # Where the row stands, in the dataset's own words: "Vlaams Parlement, schriftelijke vraag
    # nr. 221 (2017-2018): Antwoord 2, tabel, rij 3".
    reference = f"{meta.parliament}, {meta.document_type} nr. {meta.number} ({meta.session_year})"
    tender: dict[str, Any] = {
        "id": ocid,
        "title": row.description,
        "description": f"{reference}: {row.source_ref}",
        "status": "complete" if row.is_awarded else "active",
        "mainProcurementCategory": "services",
    }
    if row.period is not None:
        tender["contractPeriod"] = _period(row.period)
    return tender


def _value(amount: Decimal, vat_basis: VatBasis) -> dict[str, Any]:
    value: dict[str, Any] = {"amount": ocds_amount(amount), "currency": CURRENCY}
    if vat_basis is not VatBasis.NOT_STATED:
        value["valueAddedTaxIncluded"] = vat_basis is VatBasis.INCL_VAT
    return value


def _period(period: Period) -> dict[str, str]:
    return {"startDate": _start_of_day(period.start), "endDate": f"{period.end.isoformat()}T23:59:59Z"}


def _start_of_day(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _digest(release: dict[str, Any]) -> str:
    # A release id must be unique within its ocid: a new version of the dataset that changes the
    # release's content gets a new id, the same content keeps its id.
    content = json.dumps({**release, "id": None}, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(content).hexdigest()[:12]


# --- validation (needs jsonschema, a test dependency) ---------------------------------------


def validate_release_package(package: Mapping[str, Any]) -> list[str]:
    """Every way ``package`` breaks the OCDS 1.1.5 release-package schema; empty when it is valid."""
    return _errors(_validators()[0], package)


def validate_release(release: Mapping[str, Any]) -> list[str]:
    """Every way ``release`` breaks the OCDS 1.1.5 release schema (with the VAT extension)."""
    return _errors(_validators()[1], release)


def _errors(validator: Any, instance: Mapping[str, Any]) -> list[str]:
    errors = sorted(validator.iter_errors(instance), key=lambda error: [str(part) for part in error.absolute_path])
    return [f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}" for error in errors]


def load_schema(name: str) -> dict[str, Any]:
    """One of the OCDS schemas copied into ``data/schemas/``."""
    schema: dict[str, Any] = json.loads((data_dir() / "schemas" / name).read_text(encoding="utf-8"))
    return schema


def release_schema_with_vat() -> dict[str, Any]:
    """The release schema with the VAT extension's field merged into ``Value``, as OCDS tools do.

    The core schema allows unknown fields, so this adds no permission; it makes validation check
    that ``valueAddedTaxIncluded`` is a boolean. The copy on disk is left unchanged.
    """
    schema = copy.deepcopy(load_schema(RELEASE_SCHEMA_FILE))
    schema["definitions"]["Value"]["properties"]["valueAddedTaxIncluded"] = dict(VAT_FIELD_SCHEMA)
    return schema


@cache
def _validators() -> tuple[Any, Any]:
    import jsonschema  # type: ignore[import-untyped]  # a test dependency
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    release_schema = release_schema_with_vat()
    package_schema = load_schema(PACKAGE_SCHEMA_FILE)
    # The package schema refers to the release schema by its URL: serve it from the local copy.
    registry: Registry[Any] = Registry().with_resource(release_schema["id"], DRAFT4.create_resource(release_schema))
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    return (
        jsonschema.Draft4Validator(package_schema, registry=registry, format_checker=checker),
        jsonschema.Draft4Validator(release_schema, registry=registry, format_checker=checker),
    )
