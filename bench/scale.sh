#!/usr/bin/env bash
# Many peers at once against one `annex-p2p serve --listen` on loopback: HOLD connections authenticate and stay
# idle while ACTIVE of them each do a verified GET and a verified PUT of SIZE_KIB. One client process
# (bench/scale_client.py, asyncio) drives them all and samples the server's RSS, threads and fds from /proc.
#
#   bench/scale.sh [HOLD] [ACTIVE] [SIZE_KIB] [MAX_CONNECTIONS]   default: 10000 1000 1024, cap HOLD + 100
#
# BENCH_IDLE_SECONDS=N holds the connections idle N seconds (default 3) before the transfers, time for jcmd.
# BENCH_TOOL=DIR runs the tool copied to DIR (bench/tool-copy.sh) instead of a fresh copy of this checkout's build;
# BENCH_JAVA_OPTS replaces the launcher's JVM options. Not part of `mvn verify`: its numbers are not asserts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
hold=${1:-10000} active=${2:-1000} size_kib=${3:-1024}
cap=${4:-$((hold + 100))}
for p in java git git-annex python3; do command -v "$p" >/dev/null || { echo "bench: missing: $p" >&2; exit 1; }; done
# The client holds every connection in one process; the server as many.
ulimit -n "$(ulimit -Hn)"
work=$(mktemp -d "${TMPDIR:-/tmp}/annex-p2p-scale-bench.XXXXXX")
server=
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
if [ -n "${BENCH_TOOL:-}" ]; then
  tool=$BENCH_TOOL
else
  built="$root/cli/target/annex-p2p.jar"
  if [ ! -f "$built" ]; then (cd "$root" && mvn -B -q -ntp -DskipTests -pl cli -am package) >&2; fi
  . "$here/tool-copy.sh"
  tool="$work/tool"
  copy_tool "$root" "$tool"
fi
export ANNEX_P2P_JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:+UseSerialGC}

# The keys to GET: one file of SIZE_KIB per transfer, each different, so every GET reads its own content.
git init -q -b master "$work/srv" && (cd "$work/srv" && git annex init -q srv)
python3 - "$work/srv/content" "$active" "$((size_kib * 1024))" <<'EOF'
import os, sys
os.makedirs(sys.argv[1])
for i in range(int(sys.argv[2])):
    with open(os.path.join(sys.argv[1], "f%05d.bin" % i), "wb") as f:
        f.write(os.urandom(int(sys.argv[3])))
EOF
(cd "$work/srv" && git annex add -q --backend SHA256E content && git annex find --format='${key}\n' content) > "$work/keys"
export GIT_ANNEX_P2P_AUTHTOKEN=$("$tool/bin/annex-p2p" token --repo "$work/srv" 2>/dev/null)

"$tool/bin/annex-p2p" serve --repo "$work/srv" --listen 127.0.0.1:0 --max-connections "$cap" \
  --max-unauthenticated 1000 >/dev/null 2>"$work/serve.log" &
server=$!
for _ in $(seq 600); do
  address=$(grep -o -E 'tcp://[^ ]+' "$work/serve.log" | head -1 || true)
  [ -n "$address" ] && break
  sleep 0.1
done
[ -n "$address" ] || { echo "bench: the server did not start: $(cat "$work/serve.log")" >&2; exit 1; }
echo "server $server on $address, cap $cap; $hold connections, $active transferring $size_kib KiB each way" >&2
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/scale_client.py" "${address##*:}" "$server" "$work/keys" "$hold" "$active" "$((size_kib * 1024))"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server log lines: $(wc -l < "$work/serve.log") (refusals logged: $(grep -c 'refused' "$work/serve.log" || true))"
