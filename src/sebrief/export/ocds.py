"""The procurement rows of a dataset as an OCDS 1.1 release package.

One release per row whose kind the dataset marks as public procurement (``procurement: true``),
whether awarded or still in procedure; which kinds those are is the dataset's call, never
sebrief's. The choices the Open Contracting Data Standard leaves open are made here once, and
the README repeats them:

- ``ocid``: ``ocds-sebrief-<dataset id>-<row id>``. ``ocds-sebrief`` is a placeholder, not a
  registered ocid prefix (registered prefixes are ``ocds-`` followed by six characters, such as
  ``ocds-213czf``; ``sebrief`` has seven, so it cannot clash with one). A publisher who owns a
  registered prefix passes it as ``ocid_prefix``.
- ``date`` of each release: the date of the information, that is the answer's date when the
  dataset has it, else the question's ``date_asked``, at 00:00:00Z.
- ``publishedDate`` of the package: ``SOURCE_DATE_EPOCH`` when it is set (reproducible builds),
  else the same date as the releases; never the current time, so two runs give the same bytes.
- ``uri``: ``https://sebrief.invalid/ocds/<dataset id>/release-package.json``; the ``.invalid``
  domain can never resolve, so nobody mistakes it for a published copy.
- Rows in procedure are ``tender`` releases with an ``active`` tender and no award; awarded rows
  are ``award`` releases with a ``complete`` tender and one ``active`` award.
- The buyer: for a question to the Flemish Parliament, the Flemish government ("Vlaamse
  overheid"), whose ministers answer it; otherwise the minister's portfolio as the dataset gives
  it. The answer rarely names the contracting department, so none is invented.
- Amounts keep the VAT basis the answer states: excl. VAT with ``valueAddedTaxIncluded: false``,
  incl. VAT with ``true`` (a field of the ``ocds_valueAddedTax_extension``, declared in the
  package's ``extensions``); where the answer does not state the basis the field is left out
  rather than guessed. Amounts are never converted.
- The procedure, where the answer names it, is ``tender.procurementMethodDetails`` in the
  answer's words; ``procurementMethod`` (open, selective, limited, direct) is not derived from it.
  No ``mainProcurementCategory`` is given: the answer does not say whether a contract is for
  goods, works or services.
- Contract periods run from 00:00:00Z on their first day to 23:59:59Z on their last day (the
  source gives days, not times).
- Rows of other kinds (subsidies, grants) and rows done in house (status ``in_house``, of any
  kind) are not in the package: OCDS describes contracting processes, and those have no tender or
  supplier (work done in house is no award). ``excluded_rows`` lists
  them, and ``sebrief export`` says on standard error how many it left out. A dataset without
  procurement rows has nothing to export as OCDS (a package holds at least one release).

Validation (``validate_release_package``) uses the OCDS 1.1.5 schemas copied into
``data/schemas/`` and jsonschema; it never goes to the network.
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

from sebrief.dataset.model import Dataset, Period, Row, VatBasis
from sebrief.errors import ExitCode, SebriefError
from sebrief.resources import data_dir
from sebrief.write import build_timestamp

OCDS_VERSION = "1.1"
OCID_PREFIX = "ocds-sebrief"
# The government whose ministers answer a parliament's written questions, where sebrief knows it.
GOVERNMENTS = {"Vlaams Parlement": "Vlaamse overheid"}
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


class NothingToExport(SebriefError):
    """The dataset has no row of a procurement kind: an OCDS package would have no release."""

    exit_code = ExitCode.USAGE


def procurement_rows(dataset: Dataset) -> tuple[Row, ...]:
    """The rows the package describes: those of a kind with ``procurement: true``, in table order,
    but for work done in house (awarded to no one: no tender, no award)."""
    kinds = {kind.id for kind in dataset.main.kinds if kind.procurement}
    return tuple(row for row in dataset.rows if row.kind in kinds and not row.is_in_house)


def excluded_rows(dataset: Dataset) -> tuple[Row, ...]:
    """The rows left out of the package: those of a kind that is not public procurement, and those
    done in house."""
    kept = {row.id for row in procurement_rows(dataset)}
    return tuple(row for row in dataset.rows if row.id not in kept)


def information_date(dataset: Dataset) -> dt.date:
    """The date of the information: the answer's date if known, else the question's."""
    return dataset.metadata.date_answered or dataset.metadata.date_asked


def published_date(dataset: Dataset) -> str:
    """``publishedDate``: from ``SOURCE_DATE_EPOCH`` if set, else the information date at 00:00:00Z."""
    return build_timestamp(information_date(dataset)).strftime("%Y-%m-%dT%H:%M:%SZ")


def buyer_of(dataset: Dataset) -> str:
    """The buyer's name: the government that answers to the parliament, else the minister's portfolio."""
    meta = dataset.metadata
    return GOVERNMENTS.get(meta.parliament, meta.minister.portfolio)


def release_package(
    dataset: Dataset,
    *,
    ocid_prefix: str = OCID_PREFIX,
    buyer_name: str | None = None,
) -> dict[str, Any]:
    """The OCDS 1.1 release package of the dataset's procurement rows (see the module's notes)."""
    rows = procurement_rows(dataset)
    if not rows:
        kinds = ", ".join(kind.id for kind in dataset.main.kinds) or "none"
        raise NothingToExport(
            f"dataset {dataset.id} has no row of a public-procurement kind (kinds with procurement: true; "
            f"its kinds: {kinds}), so there is nothing to export as OCDS; use --format csv or json"
        )
    buyer = buyer_name or buyer_of(dataset)
    releases = [_release(dataset, row, ocid_prefix, buyer) for row in rows]
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
    """A stable party id from an organisation's name: ``Fictief Advies bv`` -> ``fictief-advies-bv``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "party"


def _release(dataset: Dataset, row: Row, ocid_prefix: str, buyer_name: str) -> dict[str, Any]:
    buyer = {"id": party_id(buyer_name), "name": buyer_name}
    parties: list[dict[str, Any]] = [{**buyer, "roles": ["buyer", "procuringEntity"]}]
    awards: list[dict[str, Any]] = []
    if row.is_awarded:
        assert row.amount is not None and row.beneficiary is not None  # an awarded row has both
        supplier = {"id": party_id(row.beneficiary), "name": row.beneficiary}
        parties.append({**supplier, "roles": ["supplier"]})
        award: dict[str, Any] = {
            "id": f"{row.id}-award",
            "status": "active",
            "value": _value(row.amount, row.vat_basis),
            "suppliers": [supplier],
        }
        if row.period is not None:
            award["contractPeriod"] = _period(row.period)
        awards.append(award)
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


def _tender(dataset: Dataset, row: Row, ocid: str) -> dict[str, Any]:
    meta = dataset.metadata
    # Where the row stands, in the dataset's own words: "<parliament>, <document type> nr. <number>
    # (<session>): <source_ref>".
    reference = f"{meta.parliament}, {meta.document_type} nr. {meta.number} ({meta.session_year})"
    tender: dict[str, Any] = {
        "id": ocid,
        "title": row.description,
        "description": f"{reference}: {row.source_ref}",
        "status": "complete" if row.is_awarded else "active",
    }
    if row.procedure is not None:
        tender["procurementMethodDetails"] = row.procedure
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


# --- validation (with jsonschema) ----------------------------------------------------------


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
    import jsonschema  # type: ignore[import-untyped]
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
