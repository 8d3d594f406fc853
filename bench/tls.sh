#!/usr/bin/env bash
# TLS against plaintext TCP on loopback: the same annex-p2p get/put against `annex-p2p serve --listen`, once on a
# plaintext tcp:// listener and once on a pinned tls:// one, rounds alternating; best of N each, ratio printed.
#
#   bench/tls.sh [SIZE_MIB] [ROUNDS]     default: 256 MiB, 3 rounds
#
# Not part of `mvn verify`: its numbers are not asserts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
size_mib=${1:-256} reps=${2:-3}
for p in java git git-annex bc; do command -v "$p" >/dev/null || { echo "bench: missing: $p" >&2; exit 1; }; done
built="$root/cli/target/annex-p2p.jar"
if [ ! -f "$built" ]; then (cd "$root" && mvn -B -q -ntp -DskipTests -pl cli -am package) >&2; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/annex-p2p-tls-bench.XXXXXX")
mkdir -p "$work/tool/bin" "$work/tool/cli/target"
cp "$root/bin/annex-p2p" "$work/tool/bin/" && cp -r "$built" "$root/cli/target/lib" "$work/tool/cli/target/"
launcher="$work/tool/bin/annex-p2p"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export ANNEX_P2P_JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:+UseSerialGC}

git init -q -b master "$work/srv" && (cd "$work/srv" && git annex init -q srv)
head -c "$((size_mib << 20))" /dev/urandom > "$work/in.bin"
key="SHA256E-s$((size_mib << 20))--$(sha256sum "$work/in.bin" | cut -d' ' -f1).bin"
export GIT_ANNEX_P2P_AUTHTOKEN=$("$launcher" token --repo "$work/srv" 2>/dev/null)

serve() {  # serve LISTEN LOG: starts a server in the background (its pid kept for cleanup)
  "$launcher" serve --repo "$work/srv" --listen "$1" >/dev/null 2>"$2" &
  pids+=($!)
}
announced() {  # announced LOG: the address the server printed, once it listens
  for _ in $(seq 300); do
    a=$(grep -o -E '(tcp|tls)://[^ ]+' "$1" | head -1 || true)
    [ -n "$a" ] && { echo "$a"; return; }
    sleep 0.1
  done
  echo "bench: a server did not start: $(cat "$1")" >&2; exit 1
}
serve 127.0.0.1:0 "$work/tcp.log"
serve tls://127.0.0.1:0 "$work/tls.log"
tcp=$(announced "$work/tcp.log")
tls=$(announced "$work/tls.log")
echo "plaintext: $tcp" >&2
echo "tls:       $tls" >&2

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" </dev/null >/dev/null 2>>"$work/errors.log" || { echo "bench: failed: $*" >&2; tail -5 "$work/errors.log" >&2; exit 1; }; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
best() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc -l)" = 1 ]; then echo "$2"; else echo "$1"; fi; }
declare -A put get
# One untimed round first: class loading and the launcher's class-data archives.
"$launcher" put --address "$tcp" "$key" "$work/in.bin" 2>/dev/null
(cd "$work/srv" && git annex dropkey -q --force "$key")
for round in $(seq "$reps"); do
  for mode in tcp tls; do
    address=${!mode}
    sync
    put[$mode]=$(best "${put[$mode]:-}" "$(seconds "$launcher" put --address "$address" "$key" "$work/in.bin")")
    rm -f "$work/out.bin"; sync
    get[$mode]=$(best "${get[$mode]:-}" "$(seconds "$launcher" get --address "$address" "$key" "$work/out.bin")")
    cmp -s "$work/in.bin" "$work/out.bin" || { echo "bench: GET over $mode produced wrong bytes" >&2; exit 1; }
    (cd "$work/srv" && git annex dropkey -q --force "$key")
  done
  echo "round $round done" >&2
done
mibs() { echo "scale=1; $size_mib / $1" | bc -l; }
printf '%-4s %10s %10s   (%d MiB, best of %d, loopback, includes JVM start)\n' "" "GET MiB/s" "PUT MiB/s" "$size_mib" "$reps"
for mode in tcp tls; do printf '%-4s %10s %10s\n' "$mode" "$(mibs "${get[$mode]}")" "$(mibs "${put[$mode]}")"; done
printf 'tls/tcp time ratio: GET %s, PUT %s\n' "$(echo "scale=2; ${get[tls]} / ${get[tcp]}" | bc -l)" "$(echo "scale=2; ${put[tls]} / ${put[tcp]}" | bc -l)"
