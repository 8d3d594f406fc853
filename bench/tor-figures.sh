#!/usr/bin/env bash
# The Tor figures of docs/tor.md on a private Tor network (the tests' fixture): time to reachable and time to
# recover after SIGKILL of the serving tor, RUNS runs each (default 10), min/median/max. The figures are printed
# even when a recovery broke the test's 30 s bound; the exit status says whether one did.
#   bench/tor-figures.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
command -v tor >/dev/null || { echo "bench: needs tor (Debian package: tor)" >&2; exit 1; }
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "tor: $runs launches and $runs kills on a private Tor network (a few minutes)..." >&2
status=0
(cd "$root" && mvn -B -ntp -pl tor -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=OnionRecoveryIT -Dfailsafe.failIfNoSpecifiedTests=false -Drecovery.runs="$runs") > "$log" 2>&1 || status=$?
grep '^kill [0-9]*:' "$log" || true
if ! grep '^figure: ' "$log" | sed 's/^figure: //' | grep .; then
  echo "bench: the tor run failed before its figures; see its output:" >&2
  tail -40 "$log" >&2
  exit 1
fi
[ "$status" = 0 ] || echo "bench: a recovery took longer than the test's bound (see above)" >&2
exit "$status"
