#!/usr/bin/env bash
# Many small files over a socket: the real git-annex client (`git annex copy --to`, `git annex get --from`) moving N
# files of 4 KiB through one tor-annex:: remote connection per command, to our server (`annex-p2p serve --listen`,
# plaintext TCP on loopback) and to git-annex's own (`git annex remotedaemon` on its hidden-service unix socket), over
# one repository, alternating, best of R; prints the times and ratios.
#
#   bench/small-files-tcp.sh                   400 files, best of 3, each git-annex release as the client in turn
#   bench/small-files-tcp.sh --files N --reps R
#   bench/small-files-tcp.sh --client system|newer|both
#                                              which git-annex is the client (and git-annex's server): the system's,
#                                              the newer release ($ANNEX_P2P_NEWER_GIT_ANNEX), or both (the default)
#   bench/small-files-tcp.sh --strace          also one untimed copy --to and get per server with strace attached to
#                                              the server (`strace -f -c -w -p`): its system calls and its children's
#
# The TCP row beside bench/small-files.sh's ssh rows and bench/p2phttp-small.sh's HTTP rows (issue 22, item 1).
# git-annex reaches a P2P server over a socket only as a tor-annex:: remote, through SOCKS5 at the hard-coded
# 127.0.0.1:9050. So the whole run happens in a private network and mount namespace (unshare): bench/socks_standin.py
# is 127.0.0.1:9050 there and joins each connection to the server its port names, and git-annex's server finds its
# socket through a torrc and a /var/lib that are the run's own files, bind-mounted. Nothing on the host (its tor, its
# port 9050, /etc/tor, /var/lib) is used or changed. Both servers stay up for the whole run, so no server start is
# timed. Not part of `mvn verify`: its numbers are not asserts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
files=400 reps=3 client=both trace=0
usage() { echo "usage: bench/small-files-tcp.sh [--files N] [--reps R] [--client system|newer|both] [--strace]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files=$2; shift ;;
    --reps) reps=$2; shift ;;
    --strace) trace=1 ;;
    --client) client=$2; shift; case "$client" in system|newer|both) ;; *) usage ;; esac ;;
    *) usage ;;
  esac
  shift
done

if [ -z "${BENCH_PRIVATE_NET:-}" ]; then
  missing=()
  for p in java git git-annex python3 bc unshare mount ip; do command -v "$p" >/dev/null || missing+=("$p"); done
  [ "$trace" = 0 ] || command -v strace >/dev/null || missing+=("strace (Debian package: strace)")
  if [ ${#missing[@]} -gt 0 ]; then echo "bench: missing: ${missing[*]}" >&2; exit 1; fi
  if [ ! -f "$root/cli/target/annex-p2p.jar" ]; then (cd "$root" && mvn -B -q -ntp -DskipTests -pl cli -am package) >&2; fi
  # A user namespace makes an unprivileged user root of its own network and mounts; root needs none.
  for how in "unshare -rnm" "unshare -nm"; do
    if $how true 2>/dev/null; then BENCH_PRIVATE_NET=1 exec $how "$0" --files "$files" --reps "$reps" --client "$client" \
      $([ "$trace" = 0 ] || echo --strace); fi
  done
  echo "bench: cannot make a private network and mount namespace here (neither unshare -rnm nor unshare -nm works)" >&2
  exit 1
fi

# From here on: inside the namespaces (unshare makes the new mounts private, so none of them reaches the host).
ip link set lo up
torrc=
for f in /etc/tor/torrc /etc/torrc /usr/local/etc/tor/torrc; do [ -f "$f" ] && { torrc=$f; break; }; done
if [ -z "$torrc" ]; then echo "bench: no torrc to stand in for (git-annex's server finds its socket in /etc/tor/torrc)" >&2; exit 1; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/annex-p2p-tcpsmall.XXXXXX")
pids=()
stop_servers() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
cleanup() {
  stop_servers
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
. "$here/tool-copy.sh"
copy_tool "$root" "$work/tool"
mkdir "$work/varlib"
mount --bind "$work/varlib" /var/lib
: > "$work/torrc"
mount --bind "$work/torrc" "$torrc"

system_path=$PATH
newer=${ANNEX_P2P_NEWER_GIT_ANNEX:-${HOME:-/root}/.cache/annex-p2p-peers/git-annex-bpo/root/usr}
clients=()
case "$client" in system) clients=(system) ;; newer) clients=(newer) ;; both) clients=(system newer) ;; esac
if [[ " ${clients[*]} " == *" newer "* ]] && ! "$newer/bin/git-annex" version >/dev/null 2>&1; then
  echo "bench: no newer git-annex at $newer (set ANNEX_P2P_NEWER_GIT_ANNEX to its usr directory, or --client system)" >&2
  exit 1
fi

onion=lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion
ours_port=4242 theirs_port=4243   # the port in each remote's address: the stand-in's route to that server
. "$here/small-files-rounds.sh"
# wait_for LOG TEST...: until TEST succeeds (30 s at most); else shows the end of the server's LOG.
wait_for() {
  local log=$1; shift
  for _ in $(seq 300); do "$@" && return 0; sleep 0.1; done
  echo "bench: a server did not start; the end of $(basename "$log"):" >&2; tail -5 "$log" >&2; exit 1
}
# traced OUT PID CMD...: CMD run once, untimed, with strace counting the system calls of the server PID (all its
# threads) and of the children it starts meanwhile, into OUT.
traced() {
  local out=$1 pid=$2; shift 2
  strace -f -c -w -o "$out" -p "$pid" 2>>"$work/strace.log" &
  local tracer=$!
  for _ in $(seq 100); do [ "$(awk '/^TracerPid:/ {print $2}' "/proc/$pid/status")" = 0 ] || break; sleep 0.1; done
  "$@" </dev/null >/dev/null 2>>"$work/errors.log" || { echo "bench: failed under strace: $*" >&2; exit 1; }
  kill -INT "$tracer"; wait "$tracer" || true
}
# measure NAME: the whole row with one git-annex release (on PATH) as client and as git-annex's server, in a fresh
# pair of repositories.
measure() {
  local name=$1 run="$work/$1"
  local server client keys
  version[$name]=$(git annex version | awk 'NR == 1 {print $3}')
  echo "# $name: git-annex ${version[$name]}, setting up $files files of 4 KiB" >&2
  mkdir "$run"
  small_files_repos "$run" "$files"
  local uuid; uuid=$(git -C "$server" config annex.uuid)

  # One token, in the server's p2pauth (both servers read it there) and in the client's creds for the address (under
  # the name each release looks for: newer releases escape the '.').
  local token; token=$("$work/tool/bin/annex-p2p" token --repo "$server" 2>/dev/null)
  mkdir -p -m 700 "$client/.git/annex/creds"
  (umask 077; printf '%s' "$token" > "$client/.git/annex/creds/$onion"; printf '%s' "$token" > "$client/.git/annex/creds/${onion//./%2E}")

  # git-annex's server: the hidden service's two adjacent torrc lines name the socket for this uid and repository.
  local socket="/var/lib/tor-annex/$(id -u)_$uuid/s"
  mkdir -p "$(dirname "$socket")"
  printf 'HiddenServiceDir /var/lib/tor/tor-annex_%s_%s\nHiddenServicePort %s unix:%s\n' "$(id -u)" "$uuid" \
    "$theirs_port" "$socket" > "$work/torrc"
  # --foreground speaks a control protocol on stdio and ends at its stdin's end: a fifo held open keeps it up. It is
  # started as git-annex, not `git annex` (a git process that would wait for it): $! is then the server itself.
  mkfifo "$run/hold"
  (cd "$server" && exec git-annex remotedaemon --foreground <> "$run/hold") >>"$run/theirs.log" 2>&1 &
  pids+=($!) theirs_pid=$!
  wait_for "$run/theirs.log" test -S "$socket"
  (cd "$server" && ANNEX_P2P_JAVA_OPTS=-XX:+UseSerialGC exec "$work/tool/bin/annex-p2p" serve --repo "$server" \
    --listen "127.0.0.1:$ours_port") >>"$run/ours.log" 2>&1 &
  pids+=($!) ours_pid=$!
  wait_for "$run/ours.log" grep -q serving "$run/ours.log"
  python3 "$here/socks_standin.py" 9050 "$ours_port=127.0.0.1:$ours_port" "$theirs_port=unix:$socket" \
    >>"$run/socks.log" 2>&1 &
  pids+=($!)
  wait_for "$run/socks.log" grep -q ready "$run/socks.log"

  local via port
  for via in ours theirs; do
    port=$([ $via = ours ] && echo $ours_port || echo $theirs_port)
    git -C "$client" remote add "$via" "tor-annex::$onion:$port"
    git -C "$client" config "remote.$via.annex-uuid" "$uuid"
  done

  echo "# $name: one untimed round, then $reps alternating rounds of copy --to and get of $files files" >&2
  small_files_rounds "$name-" "$reps" "$files"
  if [ "$trace" = 1 ]; then
    # Counts, not times (strace slows every system call down).
    for via in ours theirs; do
      local pid; pid=$([ $via = ours ] && echo "$ours_pid" || echo "$theirs_pid")
      empty_server; traced "$run/copy-$via.strace" "$pid" copy_to "$via"
      empty_client; traced "$run/get-$via.strace" "$pid" get_from "$via"
    done
  fi
  (cd "$client" && git annex fsck -q f) || { echo "bench: the files got are not what was added" >&2; exit 1; }
  stop_servers
}

declare -A version
for name in "${clients[@]}"; do
  if [ "$name" = newer ]; then PATH="$newer/bin:$system_path"; else PATH=$system_path; fi
  measure "$name"
done

printf '\nmany small files over a tor-annex:: remote, plain TCP on loopback (%s x 4 KiB), best of %s, %s cores, load %s\n' \
  "$files" "$reps" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-62s %9s %9s %8s\n' "git-annex command, release (of client and remotedaemon)" "ours" "theirs" "ratio"
row() { printf '%-62s %8.2fs %8.2fs %7.2fx\n' "$1" "$2" "$3" "$(echo "$3 / $2" | bc -l)"; }
for name in "${clients[@]}"; do
  row "git annex copy --to, ${version[$name]}: serve vs remotedaemon" "${best[$name-copy-ours]}" "${best[$name-copy-theirs]}"
  row "git annex get, ${version[$name]}: serve vs remotedaemon" "${best[$name-get-ours]}" "${best[$name-get-theirs]}"
done
printf '(ours = annex-p2p serve --listen, theirs = git annex remotedaemon; ratio = theirs / ours; > 1 means ours is faster)\n'
if [ "$trace" = 1 ]; then
  . "$here/strace-counts.sh"
  printf '\nsystem calls of each server and its children over one untimed %s-file run (strace -f -c -w -p): calls; seconds in fsync\n' "$files"
  strace_header
  for name in "${clients[@]}"; do
    for run in copy-ours copy-theirs get-ours get-theirs; do strace_row "$name-$run" "$work/$name/$run.strace"; done
  done
fi
[ -s "$work/errors.log" ] && { echo "(stderr of the timed commands:)"; tail -5 "$work/errors.log"; }
exit 0
