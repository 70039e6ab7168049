#!/usr/bin/env bash
# Installs what the test suite needs on a Debian-based machine: the programs the tests use to
# look at the outputs as a reader would (LibreOffice to recalculate the workbook, poppler and
# qpdf to read the PDF), then sebrief itself with its test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
# WeasyPrint subsets fonts with HarfBuzz when it can (fast, no timestamps in the fonts).
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || need+=(libharfbuzz-subset0)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
# Writer opens the follow-up question (.docx, .odt) that the tests convert to PDF.
dpkg-query -W -f='${Status}' libreoffice-writer-nogui 2>/dev/null | grep -q "ok installed" \
  || dpkg-query -W -f='${Status}' libreoffice-writer 2>/dev/null | grep -q "ok installed" \
  || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
if [ "${#need[@]}" -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
python -m pip install --quiet --disable-pip-version-check -e '.[test]'
