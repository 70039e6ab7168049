#!/usr/bin/env bash
# Extracts the translatable messages of each stage into its .po file (one per stage), keeping
# existing translations. Messages are marked with t("...") or _("...").
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/sebrief/locale/nl/LC_MESSAGES
update() {  # update NAME PATHS...
  local name=$1; shift
  pybabel -q extract --no-location --sort-output -k t -k _ -o "/tmp/sebrief-$name.pot" "$@"
  if [ -f "$out/$name.po" ]; then
    pybabel -q update --no-fuzzy-matching --ignore-obsolete -l nl_BE -D "$name" -i "/tmp/sebrief-$name.pot" -o "$out/$name.po"
  else
    pybabel -q init -l nl_BE -D "$name" -i "/tmp/sebrief-$name.pot" -o "$out/$name.po"
  fi
}
update analysis src/sebrief/analysis src/sebrief/i18n.py src/sebrief/pipeline.py
update engine src/sebrief/engine
[ -d src/sebrief/render/xlsx ] && update xlsx src/sebrief/render/xlsx
[ -d src/sebrief/render/pdf ] && update pdf src/sebrief/render/pdf templates
exit 0
