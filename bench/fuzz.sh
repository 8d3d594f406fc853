#!/usr/bin/env bash
# Fuzzes the AUTH server at full size: a million generated and mutated protocol lines against Serving over a
# real on-disk repository (interpreters' ServerFuzzProperties; CI runs the same property with 30,000 lines).
#
#   bench/fuzz.sh                      1,000,000 lines, the default seed
#   bench/fuzz.sh LINES [SEED]         another size or seed (a failure prints the seed and case to reproduce it)
#
# Runs Maven offline and within the reactor only (never installs), niced, so it can share a busy machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lines=${1:-1000000}
seed=${2:-24301}
command -v mvn >/dev/null && command -v git >/dev/null || { echo "fuzz: needs mvn and git" >&2; exit 1; }
cd "$root"
start=$(date +%s)
status=0
nice mvn -B -o -q -pl interpreters -am test -Dtest=ServerFuzzProperties#hostileConversationsEndCleanlyAndStayInsideTheRepository \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.lines="$lines" -Dfuzz.seed="$seed" >"${TMPDIR:-/tmp}/annexp2p-fuzz.log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))
report=interpreters/target/surefire-reports/TEST-org.annexp2p.interpreters.fuzz.ServerFuzzProperties.xml
summary=$(grep -ho 'fuzz: [^<]*' "$report" 2>/dev/null | head -1 || true)
if [ "$status" -ne 0 ] || [ -z "$summary" ]; then
  echo "fuzz: FAILED after ${elapsed} s (seed $seed, $lines lines asked); see ${TMPDIR:-/tmp}/annexp2p-fuzz.log and $report" >&2
  grep -h -m1 -A3 'AssertionError' "${TMPDIR:-/tmp}/annexp2p-fuzz.log" >&2 || true
  exit 1
fi
echo "$summary"
echo "fuzz: wall time including the build: ${elapsed} s"
