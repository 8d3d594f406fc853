#!/usr/bin/env bash
# P2P over HTTP under abuse, for minutes: our server (annex-p2p p2phttp) and git annex p2phttp (10.20250416) at the
# same time, each over a repository of its own, each with the same load from bench/p2phttp_load.py: 8 clients looping
# remove/put/get on keys of their own, and one client that cuts a GET or a PUT of a large file mid-transfer every
# 300 ms. Every 15 s it prints each server's open file descriptors, threads and RSS; at the end each load's rounds,
# errors and stalls (a request slower than 30 s), and whether the server still answers.
#
#   bench/p2phttp-sturdy.sh [--seconds S]     (default 180)
# Not part of `mvn verify`: its numbers are not asserts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
seconds=180
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift ;;
    *) echo "usage: bench/p2phttp-sturdy.sh [--seconds S]" >&2; exit 2 ;;
  esac
  shift
done
work=$(mktemp -d "${TMPDIR:-/tmp}/annex-p2p-sturdy.XXXXXX")
. "$here/p2phttp-common.sh"

declare -A port pid uuid
for name in ours theirs; do
  repo="$work/$name"
  git init -q "$repo" && git -C "$repo" annex init -q "$name"
  head -c $((64 << 20)) /dev/urandom >"$repo/big.bin"
  (cd "$repo" && git annex add -q big.bin && git -c user.name=b -c user.email=b@b commit -q -m big)
  uuid[$name]=$(git -C "$repo" config annex.uuid)
  port[$name]=$(free_port)
  if [ $name = ours ]; then serve_ours "$repo" "${port[$name]}"; else serve_upstream "$repo" "${port[$name]}"; fi
  pid[$name]=$served
done

echo "t=0 ours $(proc_figures "${pid[ours]}"); theirs $(proc_figures "${pid[theirs]}")"
for name in ours theirs; do
  python3 "$here/p2phttp_load.py" loop "http://127.0.0.1:${port[$name]}" "${uuid[$name]}" --dir "$work/load-$name" \
    --clients 8 --seconds "$seconds" --big "$work/$name/big.bin" --report 60 >"$work/$name.load" 2>&1 &
  pids+=("$!")
done
loads=("${pids[@]: -2}")
start=$(date +%s)
while kill -0 "${loads[0]}" 2>/dev/null || kill -0 "${loads[1]}" 2>/dev/null; do
  sleep 15
  echo "t=$(( $(date +%s) - start )) ours $(proc_figures "${pid[ours]}"); theirs $(proc_figures "${pid[theirs]}")"
done
for name in ours theirs; do
  echo "$name load: $(grep -h 'summary\|still waiting\|the last requests' "$work/$name.load" | tr '\n' ' ')"
  base="http://127.0.0.1:${port[$name]}/git-annex/${uuid[$name]}/v3"
  if curl -sf --max-time 30 -X POST "$base/checkpresent?clientuuid=c1c1c1c1-0000-4000-8000-000000000001&key=$(git -C "$work/$name" annex lookupkey big.bin)" >/dev/null; then
    echo "$name afterwards: answers; $(proc_figures "${pid[$name]}")"
  else
    echo "$name afterwards: NO ANSWER within 30 s (wedged)"
  fi
done
