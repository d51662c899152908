#!/usr/bin/env bash
# Refreshes docs/screenshots/*.png: a demo node on a free port, Debian's Chromium (installed when missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../tests/chromium.sh
. tests/chromium.sh
cydef_chromium_install
exec dotnet run -c Release --project tools/CyDef.Screenshots -v q -- "$PWD/docs/screenshots"
