"""``sebrief migrate``: convert a version 1 dataset to version 2."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from sebrief.commands.common import lang_option


@click.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Write the version 2 dataset to this folder (with a copy of the source text) instead of in place.",
)
@lang_option
def migrate(folder: Path, out: Path | None, lang: str) -> None:
    """Convert the version 1 dataset in FOLDER to version 2.

    The converted dataset is loaded and checked before anything is written; in place, dataset.yaml
    and rows.csv are replaced, each atomically. Problems are reported in the language of --lang.

    \b
    Example:
        sebrief migrate data/my-question
        sebrief migrate data/my-question --out data/my-question-v2
    """
    import yaml

    from sebrief.dataset.load import load_dataset
    from sebrief.dataset.migrate import migrate_folder
    from sebrief.errors import DatasetError, Message, Problem

    main = folder / "dataset.yaml"
    try:
        version = (yaml.safe_load(main.read_text(encoding="utf-8")) or {}).get("schema_version")
    except (OSError, yaml.YAMLError, AttributeError) as error:
        raise DatasetError(
            [
                Problem(
                    str(main),
                    None,
                    Message("cannot be read as a dataset ({error}); check the folder", error=str(error)),
                )
            ]
        ) from error
    if version != 1:
        raise DatasetError(
            [
                Problem(
                    str(main),
                    None,
                    Message("schema_version is {version}, not 1: there is nothing to migrate", version=repr(version)),
                )
            ]
        )
    with tempfile.TemporaryDirectory(prefix="sebrief-migrate-") as scratch:
        try:
            migrate_folder(folder, Path(scratch))
        except (KeyError, TypeError, ValueError) as error:
            raise DatasetError(
                [
                    Problem(
                        str(main),
                        None,
                        Message(
                            "not a valid version 1 dataset ({error}); run an older sebrief validate", error=repr(error)
                        ),
                    )
                ]
            ) from error
        loaded = load_dataset(Path(scratch))
        target = out or folder
        target.mkdir(parents=True, exist_ok=True)
        written = migrate_folder(folder, target)
    click.echo(
        f"{loaded.id}: converted to version 2 ({len(loaded.rows)} rows); wrote " + ", ".join(p.name for p in written)
    )
