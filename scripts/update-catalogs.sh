#!/usr/bin/env bash
# Extracts the translatable messages of each stage into its .po file (one per stage), keeping
# existing translations: a message that moved from one stage to another keeps its Dutch, and
# messages no longer in the code are dropped. Messages are marked with t("...") or _("..."), and
# plural ones with t.plural("singular", "plural", count) (whose arguments must not name t itself:
# the extractor would then miss the message); a dataset's problems with Message("...") and
# Message.plural("singular", "plural", count) (sebrief.errors).
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/sebrief/locale/nl/LC_MESSAGES
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
extract() {  # extract NAME PATHS...
  local name=$1; shift
  pybabel -q extract --no-location --sort-output -k t -k _ -k Message -k plural:1,2 -o "$scratch/$name.pot" "$@"
}
extract engine src/sebrief/engine src/sebrief/dataset src/sebrief/brand src/sebrief/errors.py src/sebrief/i18n.py src/sebrief/pipeline.py
extract commands src/sebrief/commands src/sebrief/corpus src/sebrief/render/corpus
extract draft src/sebrief/draft
extract xlsx src/sebrief/render/xlsx
extract pdf src/sebrief/render/pdf templates
extract followup src/sebrief/render/followup
extract serve -F scripts/babel-serve.cfg src/sebrief/serve
python - "$out" "$scratch" <<'PY'
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

out, scratch = Path(sys.argv[1]), Path(sys.argv[2])
known = {}
for po in sorted(out.glob("*.po")):
    with po.open("rb") as handle:
        for message in read_po(handle, locale="nl_BE"):
            if message.id and message.string:
                known.setdefault(message.id, message.string)
for pot in sorted(scratch.glob("*.pot")):
    with pot.open("rb") as handle:
        catalog = read_po(handle, locale="nl_BE", domain=pot.stem)
    for message in catalog:
        if message.id:
            message.string = known.get(message.id, "")
    target = out / f"{pot.stem}.po"
    if target.exists():  # the date of the catalog's creation, not of this run: no churn in git
        with target.open("rb") as handle:
            catalog.creation_date = read_po(handle, locale="nl_BE").creation_date
    with target.open("wb") as handle:
        write_po(handle, catalog, no_location=True, sort_output=True, width=76)
for po in out.glob("*.po"):
    if not (scratch / f"{po.stem}.pot").exists():
        po.unlink()
PY
exit 0
