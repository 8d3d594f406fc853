#!/usr/bin/env bash
# Start-up per ssh connection: the real git-annex client getting (and copying) ONE small file, a new ssh connection
# each time, through git-annex-shell, through our launcher (one JVM per connection) and through our launcher with a
# resident `annex-p2p shell-server` (the launcher hands the session to it). Alternating, best and median of N. Then
# the servers alone: a small client's one-key p2pstdio session, to AUTH-SUCCESS and to the server's exit.
#
#   bench/ssh-start.sh              20 rounds
#   bench/ssh-start.sh --reps N
#   bench/ssh-start.sh --kib N      a file of N KiB instead of 4: with a large one, what the resident server's
#                                   forwarder costs a transfer (its bytes go through the socket's frames)
#   bench/ssh-start.sh --before DIR also a resident server of the build in another checkout DIR (its cli/target), in
#                                   a runtime directory of its own: a change's before and after side by side
#
# The ssh remote is the same local fake ssh as bench/small-files.sh's. Not part of `mvn verify`: its numbers are not
# asserts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
reps=20 kib=4 before=
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift ;;
    --kib) kib=$2; shift ;;
    --before) before=$(cd "$2" && pwd); shift
      [ -f "$before/cli/target/annex-p2p.jar" ] || { echo "bench: no build in $before/cli/target" >&2; exit 1; } ;;
    *) echo "usage: bench/ssh-start.sh [--reps N] [--kib N] [--before DIR]" >&2; exit 2 ;;
  esac
  shift
done
missing=()
for p in java git git-annex git-annex-shell perl python3 bc; do command -v "$p" >/dev/null || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then echo "bench: missing: ${missing[*]}" >&2; exit 1; fi

if [ ! -f "$root/cli/target/annex-p2p.jar" ]; then (cd "$root" && mvn -B -q -ntp -DskipTests -pl cli -am package) >&2; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/annex-p2p-start.XXXXXX")
. "$root/bench/tool-copy.sh"
copy_tool "$root" "$work/tool"
[ -z "$before" ] || copy_tool "$before" "$work/before"
. "$root/bench/resident.sh"
private_runtime "$work"
cleanup() {
  stop_resident
  chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT
export ANNEX_P2P_JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:+UseSerialGC}

repo() { git init -q -b master "$1" && git -C "$1" config user.email bench@example.invalid \
  && git -C "$1" config user.name bench && (cd "$1" && git annex init -q "$(basename "$1")"); }
repo "$work/src"; repo "$work/dst"
head -c "$((kib * 1024))" /dev/urandom > "$work/src/one.bin"
(cd "$work/src" && git annex add -q one.bin && git commit -q -m one)
key=$(cd "$work/src" && git annex lookupkey one.bin)

printf '#!/bin/sh\nfor last; do :; done\nexec sh -c "$last"\n' > "$work/fakessh"
printf '#!/bin/sh\nANNEX_P2P_RESIDENT=off; export ANNEX_P2P_RESIDENT\nexec %s "$@"\n' "$work/tool/bin/annex-p2p" > "$work/ours-shell"
printf '#!/bin/sh\nexec %s "$@"\n' "$work/tool/bin/annex-p2p" > "$work/resident-shell"
printf '#!/bin/sh\nexec git-annex-shell "$@"\n' > "$work/gas-shell"
servers=(gas ours resident)
if [ -n "$before" ]; then
  # The other build's server has a runtime directory of its own, which its launcher is given.
  mkdir -m 700 "$work/xdg-before"
  printf '#!/bin/sh\nXDG_RUNTIME_DIR=%s; export XDG_RUNTIME_DIR\nexec %s "$@"\n' "$work/xdg-before" \
    "$work/before/bin/annex-p2p" > "$work/before-shell"
  servers+=(before)
fi
chmod +x "$work/fakessh" "$work"/*-shell
repo "$work/cli"
(cd "$work/cli" && git remote add -f src "$work/src" >/dev/null 2>&1 && git merge -q src/master)
for via in "${servers[@]}"; do
  for side in src dst; do
    r=$([ "$side" = src ] && echo "via$via" || echo "to$via")
    git -C "$work/cli" remote add "$r" "localhost:$work/$side"
    git -C "$work/cli" config "remote.$r.annex-shell" "$work/$via-shell"
    git -C "$work/cli" config "remote.$r.annex-uuid" "$(git -C "$work/$side" config annex.uuid)"
  done
done
export GIT_SSH="$work/fakessh" GIT_ANNEX_USE_GIT_SSH=1

start_resident "$work/tool" "$work"
if [ -n "$before" ]; then
  XDG_RUNTIME_DIR="$work/xdg-before" start_resident "$work/before" "$work" resident-before
fi

now() { date +%s.%N; }
timed() {
  local t0; t0=$(now)
  if ! "$@" </dev/null >/dev/null 2>>"$work/errors.log"; then echo "bench: failed: $*" >&2; tail -5 "$work/errors.log" >&2; exit 1; fi
  echo "$(now) - $t0" | bc -l
}
get_one() { (cd "$work/cli" && git annex get -q --from "via$1" one.bin); }
copy_one() { (cd "$work/cli" && git annex copy -q --to "to$1" one.bin); }
drop_cli() { (cd "$work/cli" && git annex drop -q --force one.bin >/dev/null 2>&1) || true; }
drop_dst() { (cd "$work/dst" && git annex dropkey -q --force "$key" >/dev/null 2>&1 && git annex merge -q >/dev/null 2>&1) || true; }
declare -A times
echo "one untimed round, then $reps alternating rounds of get and copy --to of one $kib KiB file: ${servers[*]}..." >&2
for round in $(seq 0 "$reps"); do
  for via in "${servers[@]}"; do
    drop_cli; t=$(timed get_one "$via")
    [ -f "$(readlink -f "$work/cli/one.bin")" ] || { echo "bench: get via $via did not get the file" >&2; exit 1; }
    [ "$round" = 0 ] || times[get-$via]+="$t "
    drop_dst; t=$(timed copy_one "$via")
    [ "$round" = 0 ] || times[copy-$via]+="$t "
  done
done
(cd "$work/cli" && git annex fsck -q one.bin) || { echo "bench: the file got is not what was added" >&2; exit 1; }

# The server alone, without git-annex's own time around it: a small client starts each server as git-annex does
# (through the remote's shell, ssh left out), times its AUTH-SUCCESS, then a GET of the key, then closes its
# stdin and times the server's exit. Alternating, per phase best and median.
echo "the servers alone: $reps alternating rounds of a one-key p2pstdio session..." >&2
session_times=$(python3 - "$reps" "$(git -C "$work/src" config annex.uuid)" "$key" "$work/src" "${servers[@]/#/$work/}" <<'EOP'
import subprocess, sys, time
reps, uuid, key, repo, shells = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
def session(shell):
    t0 = time.perf_counter()
    p = subprocess.Popen([shell + "-shell", "p2pstdio", repo, uuid], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert p.stdout.readline().startswith(b"AUTH-SUCCESS"), shell
    t1 = time.perf_counter()
    p.stdin.write(b"VERSION 1\n"); p.stdin.flush(); p.stdout.readline()
    p.stdin.write(("GET 0 one.bin %s\n" % key).encode()); p.stdin.flush()
    size = int(p.stdout.readline().split()[1]); p.stdout.read(size)
    p.stdin.write(b"SUCCESS\n"); p.stdin.flush()
    p.stdin.close(); assert p.wait() == 0, shell
    return t1 - t0, time.perf_counter() - t0
times = {s: [] for s in shells}
for r in range(reps + 1):
    for s in shells:
        t = session(s)
        if r:
            times[s].append(t)
for s in shells:
    name = s.rsplit("/", 1)[1]
    print("auth-%s %s" % (name, " ".join("%.6f" % a for a, _ in times[s])))
    print("whole-%s %s" % (name, " ".join("%.6f" % w for _, w in times[s])))
EOP
)
while read -r name values; do times[$name]=$values; done <<<"$session_times"

# best and median of a list of seconds
stat() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{ a[NR] = $1 } END { printf "%s %s", a[1], a[int((NR + 1) / 2)] }'; }
printf '\nper ssh connection: one %s KiB file, %s rounds, %s, %s cores, load %s\n' "$kib" "$reps" \
  "$(java -version 2>&1 | head -1)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-50s %9s %9s %9s %9s %8s %8s\n' "git-annex command" "best" "median" "other" "median" "best x" "median x"
row() {
  read -r b1 m1 <<<"$(stat "${times[$2]}")"; read -r b2 m2 <<<"$(stat "${times[$3]}")"
  printf '%-50s %8.3fs %8.3fs %8.3fs %8.3fs %7.2fx %7.2fx\n' "$1" "$b1" "$m1" "$b2" "$m2" \
    "$(echo "$b2 / $b1" | bc -l)" "$(echo "$m2 / $m1" | bc -l)"
}
row "git annex get: resident vs g-a-shell" get-resident get-gas
row "git annex get: ours (JVM) vs g-a-shell" get-ours get-gas
row "git annex get: resident vs ours (JVM)" get-resident get-ours
row "git annex copy --to: resident vs g-a-shell" copy-resident copy-gas
row "git annex copy --to: ours (JVM) vs g-a-shell" copy-ours copy-gas
row "server alone, to AUTH-SUCCESS: resident vs g-a-s" auth-resident auth-gas
row "server alone, to AUTH-SUCCESS: JVM vs g-a-s" auth-ours auth-gas
row "server alone, one GET session: resident vs g-a-s" whole-resident whole-gas
row "server alone, one GET session: JVM vs g-a-s" whole-ours whole-gas
if [ -n "$before" ]; then
  row "git annex get: resident vs before's resident" get-resident get-before
  row "git annex copy --to: resident vs before's resident" copy-resident copy-before
  echo "before = the build in $before"
fi
printf '(x = the other time / the first; > 1 means the first is faster)\n'
[ -s "$work/errors.log" ] && { echo "(stderr of the timed commands:)"; tail -5 "$work/errors.log"; }
exit 0
