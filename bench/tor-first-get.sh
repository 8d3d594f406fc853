#!/usr/bin/env bash
# A new user's first GET over Tor on the private Tor network of the tests (docs/tor.md): `enable-tor` in a fresh
# repository, `serve --tor`, and a peer's `get` of a 4 KiB key over tor-annex:: as soon as serve names its onion,
# each command through bin/annex-p2p (its class-data archive included). RUNS runs (default 5); prints each run's
# phases (milliseconds since enable-tor started) and min/median/max of each phase in seconds, with the load.
# MODES: offline (default: enable-tor as it is, the address made without tor), check (enable-tor --check, published
# and checked before it returns), or offline,check to alternate the two run by run.
#   bench/tor-first-get.sh [RUNS] [MODES]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
modes="${2:-offline}"
command -v tor >/dev/null || { echo "bench: needs tor (Debian package: tor)" >&2; exit 1; }
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "tor: $runs first GETs on a private Tor network (a minute or two)..." >&2
(cd "$root" && mvn -B -ntp -o -pl cli -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=TorFirstGetBench -Dfailsafe.failIfNoSpecifiedTests=false -Dfirstget.runs="$runs" -Dfirstget.modes="$modes" \
  -Dfirstget.launcher="$root/bin/annex-p2p") > "$log" 2>&1 || { tail -60 "$log" >&2; exit 1; }
grep -E '^first get, run [0-9]+' "$log" || true
echo "load before/after: $(uptime | sed 's/.*load average: //')"
grep '^first-get figure: ' "$log" | sed 's/^first-get figure: //'
