#!/usr/bin/env bash
# P2P over HTTP: our server (annex-p2p p2phttp) against git annex p2phttp (git-annex 10.20250416), side by side in one
# run over one repository, rounds alternating (ours, theirs, ours, ...); prints min/median/max seconds of each and the
# ratio of the medians (theirs / ours: above 1 means ours is faster), and the median CPU seconds each server spent on
# the row's command (its own and its children's, from /proc): on a loaded machine the wall clock mostly measures the
# waits for a core, the CPU seconds what each server does.
#
#   bench/p2phttp.sh                 1 GiB, 3 rounds; 4 GiB through ours at -Xmx64m; 200 concurrent small GETs
#   bench/p2phttp.sh --size MIB --rounds N [--no-big]
#
# Same clients for both servers: the real git-annex (`git annex get --from`, `git annex copy --to`, remote.NAME.annexUrl)
# and curl, which only moves bytes (a PUT is still verified by the server: the keys are SHA256E). 200 concurrent small
# GETs come from bench/p2phttp_load.py (one connection per client, all started together): latency percentiles.
# Upstream's server runs with --jobs 8 (BENCH_UPSTREAM_JOBS); ours with its defaults and the launcher's JVM options.
# Not part of `mvn verify`: its numbers are not asserts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
size_mib=1024 rounds=3 big=1
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size_mib=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --no-big) big=0 ;;
    *) echo "usage: bench/p2phttp.sh [--size MIB] [--rounds N] [--no-big]" >&2; exit 2 ;;
  esac
  shift
done
need_mib=$(( size_mib * 6 + big * 4096 * 4 ))
free_mib=$(df -Pm "${TMPDIR:-/tmp}" | awk 'NR==2 {print $4}')
[ "$free_mib" -ge "$need_mib" ] || { echo "bench: needs ${need_mib} MiB free in ${TMPDIR:-/tmp}, has ${free_mib} MiB" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/annex-p2p-httpbench.XXXXXX")
. "$here/p2phttp-common.sh"
client_uuid=c1c1c1c1-0000-4000-8000-000000000001

echo "# setting up: ${size_mib} MiB files, $(git annex version | head -1)" >&2
server="$work/server" client="$work/client"
git init -q "$server" && git -C "$server" annex init -q server
head -c "$((size_mib << 20))" /dev/urandom >"$server/get.bin"
[ "$big" = 1 ] && head -c "$((4096 << 20))" /dev/urandom >"$server/get4.bin"
(cd "$server" && git annex add -q . && git -c user.name=b -c user.email=b@b commit -q -m files)
git clone -q "$server" "$client"
(cd "$client" && git annex init -q client && git config annex.security.allowed-ip-addresses all && git remote remove origin)
head -c "$((size_mib << 20))" /dev/urandom >"$client/put.bin"
[ "$big" = 1 ] && head -c "$((4096 << 20))" /dev/urandom >"$client/put4.bin"
(cd "$client" && git annex add -q . && git -c user.name=b -c user.email=b@b commit -q -m files)
uuid=$(git -C "$server" config annex.uuid)
key() { git -C "$1" annex lookupkey "$2"; }
get_key=$(key "$server" get.bin) put_key=$(key "$client" put.bin)

ours_port=$(free_port) theirs_port=$(free_port)
serve_ours "$server" "$ours_port"; ours_pid=$served
serve_upstream "$server" "$theirs_port"; theirs_pid=$served
http_remotes "$client" "$uuid" "$ours_port" "$theirs_port"
base() { echo "http://127.0.0.1:$([ "$1" = ours ] && echo "$ours_port" || echo "$theirs_port")/git-annex/$uuid/v3"; }
remove() { curl -sf -X POST "$(base "$1")/remove?clientuuid=$client_uuid&key=$2" >/dev/null; }

stored() { case "$1" in *'"stored":true'*) ;; *) echo "not stored: $1" >&2; return 1 ;; esac; }
# Each row: untimed preparation, then the timed command, for each server in turn.
row_prepare() {
  case "$1" in
    annex-get) git -C "$client" annex drop -q --force get.bin ;;
    annex-put|curl-put) remove "$2" "$put_key" ;;
    curl-get) : ;;
  esac
}
row_run() {
  case "$1" in
    annex-get) git -C "$client" annex get -q --from "$2" get.bin ;;
    curl-get) curl -sSf -o /dev/null "$(base "$2")/key/$get_key?clientuuid=$client_uuid" ;;
    annex-put) git -C "$client" annex copy -q --to "$2" put.bin ;;
    curl-put) stored "$(curl -sSf -X POST -H 'Expect:' -H "X-git-annex-data-length: $(stat -L -c %s "$client/put.bin")" \
        -T "$client/put.bin" "$(base "$2")/put?clientuuid=$client_uuid&key=$put_key")" ;;
  esac
}

# cpu_ticks PID: the clock ticks the process and its reaped children have run.
cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }
# child_ticks: the clock ticks this script's reaped children have run: around one row command, the client's CPU
# (git-annex and everything it starts, or curl). A client that needs as much CPU as the row takes wall time sets
# the row's pace whatever the server does, and then measures itself rather than the servers.
child_ticks() { awk '{print $16 + $17}' "/proc/$$/stat"; }
ticks=$(getconf CLK_TCK)

echo "row                 ours min/med/max s    theirs min/med/max s   theirs/ours (median)   server CPU s ours / theirs (median)   client CPU s ours / theirs (median)"
for row in curl-get annex-get curl-put annex-put; do
  declare -a t_ours=() t_theirs=() c_ours=() c_theirs=() k_ours=() k_theirs=()
  for r in $(seq "$rounds"); do
    for name in ours theirs; do
      row_prepare "$row" "$name"
      sync
      pid=$([ $name = ours ] && echo "$ours_pid" || echo "$theirs_pid")
      c0=$(cpu_ticks "$pid")
      t0=$(now)
      k0=$(child_ticks)
      row_run "$row" "$name" </dev/null >/dev/null 2>>"$work/errors.log" || { echo "bench: $row via $name failed" >&2; tail -5 "$work/errors.log" >&2; exit 1; }
      k1=$(child_ticks)
      t1=$(now)
      s=$(echo "$t1 - $t0" | bc -l)
      c=$(echo "($(cpu_ticks "$pid") - $c0) / $ticks" | bc -l)
      k=$(echo "($k1 - $k0) / $ticks" | bc -l)
      if [ $name = ours ]; then t_ours+=("$s") c_ours+=("$c") k_ours+=("$k"); else t_theirs+=("$s") c_theirs+=("$c") k_theirs+=("$k"); fi
    done
  done
  printf '%-18s  %-20s  %-20s   %.2f×                  %.2f / %.2f                           %.2f / %.2f\n' "$row ${size_mib}MiB" \
    "$(stats "${t_ours[@]}")" "$(stats "${t_theirs[@]}")" "$(echo "$(median "${t_theirs[@]}") / $(median "${t_ours[@]}")" | bc -l)" \
    "$(median "${c_ours[@]}")" "$(median "${c_theirs[@]}")" "$(median "${k_ours[@]}")" "$(median "${k_theirs[@]}")"
done
echo "after the rows: ours $(proc_figures "$ours_pid"); theirs $(proc_figures "$theirs_pid")"

echo "# 200 concurrent clients, 5 small GETs each (ms; a request unanswered after 20 s counts as failed)"
for r in $(seq "$(( rounds < 2 ? rounds : 2 ))"); do
  for name in ours theirs; do
    port=$([ $name = ours ] && echo "$ours_port" || echo "$theirs_port")
    echo "$name round $r: $(python3 "$here/p2phttp_load.py" many "http://127.0.0.1:$port" "$uuid" --dir "$work/load" --clients 200 --requests 5 --stall 5)"
  done
done
echo "after 200 clients: ours $(proc_figures "$ours_pid"); theirs $(proc_figures "$theirs_pid")"

if [ "$big" = 1 ]; then
  kill "$ours_pid"; wait "$ours_pid" 2>/dev/null || true
  small_port=$(free_port)
  serve_ours "$server" "$small_port" "-Xmx64m -XX:+UseSerialGC"; small_pid=$served
  k4=$(key "$server" get4.bin) p4=$(key "$client" put4.bin)
  b="http://127.0.0.1:$small_port/git-annex/$uuid/v3"
  t0=$(now); curl -sf -o /dev/null "$b/key/$k4?clientuuid=$client_uuid"; t1=$(now)
  n=$(curl -sf -X POST -H 'Expect:' -H "X-git-annex-data-length: $(stat -L -c %s "$client/put4.bin")" -T "$client/put4.bin" \
      "$b/put?clientuuid=$client_uuid&key=$p4"); t2=$(now)
  echo "4 GiB through ours at -Xmx64m: GET $(echo "$t1 - $t0" | bc -l | cut -c1-5) s, verified PUT $(echo "$t2 - $t1" | bc -l | cut -c1-5) s ($n); $(proc_figures "$small_pid")"
fi
