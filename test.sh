#!/usr/bin/env bash
# Runs every test of CyDef and prints one closing line: "tests: N passed, N failed, N skipped".
# Installs what the tests need first: the .NET SDK pinned in global.json must be there; PostgreSQL (for the
# storage suite) is installed when missing and this runs as root, and a throwaway server is started for the run
# (tests/postgres.sh). Without it the PostgreSQL tests are skipped, or fail when CI=true. Chromium (Debian's, for the
# web UI's browser tests) is installed the same way (tests/chromium.sh).
set -uo pipefail
cd "$(dirname "$0")"

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (dotnet) is not installed; see README.md" >&2
  exit 2
fi

# shellcheck source=tests/postgres.sh
. tests/postgres.sh
trap 'cydef_postgres_stop' EXIT
cydef_postgres_start || echo "test.sh: no PostgreSQL for the storage tests" >&2

# shellcheck source=tests/suricata.sh
. tests/suricata.sh
cydef_suricata_install || echo "test.sh: no Suricata for the detection tests" >&2
# shellcheck source=tests/chromium.sh
. tests/chromium.sh
cydef_chromium_install || echo "test.sh: no Chromium for the web UI's browser tests" >&2

dotnet build CyDef.slnx -c Release -nologo -v q || { cydef_postgres_stop; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

dotnet test CyDef.slnx -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?

# Count from the TRX files, not from the console: one <Counters …/> element per test project.
passed=0; failed=0; skipped=0; found=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  found=1
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

if [ "$found" = 0 ]; then
  echo "test.sh: no test results were written" >&2
  failed=$((failed + 1))
fi
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
  failed=1 # the runner failed without a failing test (a crash, a build error): never report green
fi

# Name every failing test next to the summary, so that the tail of a CI log says what failed and why.
if [ "$failed" != 0 ]; then
  for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    python3 - "$trx" <<'PY' 2>/dev/null || grep -o 'testName="[^"]*"[^>]*outcome="Failed"' "$trx" | sed 's/^/FAILED: /'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") != "Failed":
        continue
    message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
    stack = r.find("t:Output/t:ErrorInfo/t:StackTrace", ns)
    print("FAILED:", r.get("testName"))
    for text in (message, stack):
        if text is not None and text.text:
            print("\n".join("  " + line for line in text.text.strip().splitlines()[:12]))
PY
  done
fi

cydef_postgres_stop
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
