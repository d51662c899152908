#!/usr/bin/env bash
# Fuzzes CyDef.Stix, or CyDef.Patterns with FUZZ_TARGET=patterns (see README.md beside this script).
#   fuzz.sh afl [SECONDS]      AFL++ on an instrumented CyDef.Stix.dll (default 600 s)
#   fuzz.sh mutate [SECONDS]   the built-in mutation fuzzer, no instrumentation (default 180 s)
#   fuzz.sh replay [PATH...]   every seed and regression once (or the given files and folders)
# Work files go to $FUZZ_WORK (default: artifacts/fuzz under the repository root).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mode=${1:-replay}
shift || true
target_name=${FUZZ_TARGET:-stix}
case $target_name in
  stix) assembly=CyDef.Stix.dll; dict=(-x "$root/tests/CyDef.Fuzz/stix.dict") ;;
  patterns) assembly=CyDef.Patterns.dll; dict=() ;;
  *) echo "fuzz.sh: FUZZ_TARGET is stix or patterns" >&2; exit 2 ;;
esac
data=$root/tests/data/fuzz/$target_name
work=${FUZZ_WORK:-$root/artifacts/fuzz}
bin=$work/bin
stamp=$(date +%Y%m%d-%H%M%S)

dotnet build "$root/tests/CyDef.Fuzz/CyDef.Fuzz.csproj" -c Release -nologo -v q -o "$bin"

case $mode in
  afl)
    seconds=${1:-600}
    command -v afl-fuzz >/dev/null || { echo "fuzz.sh: afl-fuzz is missing: apt-get install afl++" >&2; exit 2; }
    tools=$work/tools
    [ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools"
    # Instrument a copy: the build output stays clean for replay, and no assembly is instrumented twice.
    target=$work/afl-bin-$stamp
    cp -r "$bin" "$target"
    "$tools/sharpfuzz" "$target/$assembly"
    out=$work/afl-$stamp
    # dotnet is not an AFL-instrumented binary (SharpFuzz instruments the assembly), hence SKIP_BIN_CHECK.
    AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
      afl-fuzz -V "$seconds" -i "$data/seeds" -o "$out" "${dict[@]}" -t 5000 -m none \
      -- dotnet "$target/CyDef.Fuzz.dll" --target "$target_name" --afl
    grep -E 'execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs' "$out/default/fuzzer_stats"
    for finds in "$out/default/crashes" "$out/default/hangs"; do
      if compgen -G "$finds/id:*" >/dev/null; then
        dotnet "$bin/CyDef.Fuzz.dll" --target "$target_name" --replay "$finds"/id:* || true
      fi
    done
    echo "fuzz.sh: finds are in $out/default/{crashes,hangs}"
    ;;
  mutate)
    seconds=${1:-180}
    dotnet "$bin/CyDef.Fuzz.dll" --target "$target_name" --mutate "$data/seeds" "$data/regressions" --seconds "$seconds" --crashes "$work/mutate-$stamp"
    ;;
  replay)
    if [ $# -eq 0 ]; then set -- "$data/seeds" "$data/regressions"; fi
    dotnet "$bin/CyDef.Fuzz.dll" --target "$target_name" --replay "$@"
    ;;
  *)
    sed -n '2,6p' "$0" >&2
    exit 2
    ;;
esac
