#!/usr/bin/env bash
# Two builds' resident shell servers side by side: the real git-annex client getting, and copying to, ONE small file,
# a new ssh connection each time (so a new server session each time), through a resident `annex-p2p shell-server` of
# OTHER_CHECKOUT (A, a built checkout of another commit) and of this checkout (B), each in its own runtime directory.
# Alternating, best and median of N; x = A's time / B's.
#
#   bench/resident-ab.sh OTHER_CHECKOUT            20 rounds
#   bench/resident-ab.sh OTHER_CHECKOUT --reps N
#
# Both checkouts must be built (mvn -o -DskipTests package). Not part of `mvn verify`: its numbers are not asserts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
[ $# -ge 1 ] || { echo "usage: bench/resident-ab.sh OTHER_CHECKOUT [--reps N]" >&2; exit 2; }
other=$(cd "$1" && pwd); shift
reps=20
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift ;;
    *) echo "usage: bench/resident-ab.sh OTHER_CHECKOUT [--reps N]" >&2; exit 2 ;;
  esac
  shift
done
for c in "$other" "$root"; do
  [ -f "$c/cli/target/annex-p2p.jar" ] || { echo "bench: $c is not built" >&2; exit 1; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/annex-p2p-resident-ab.XXXXXX")
. "$root/bench/tool-copy.sh"
copy_tool "$other" "$work/tool-a"
copy_tool "$root" "$work/tool-b"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT
export ANNEX_P2P_JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:+UseSerialGC}

repo() { git init -q -b master "$1" && git -C "$1" config user.email bench@example.invalid \
  && git -C "$1" config user.name bench && (cd "$1" && git annex init -q "$(basename "$1")"); }
repo "$work/src"; repo "$work/dst"
head -c 4096 /dev/urandom > "$work/src/one.bin"
(cd "$work/src" && git annex add -q one.bin && git commit -q -m one)
key=$(cd "$work/src" && git annex lookupkey one.bin)

printf '#!/bin/sh\nfor last; do :; done\nexec sh -c "$last"\n' > "$work/fakessh"
sides=(a b)
for s in "${sides[@]}"; do
  mkdir -m 700 "$work/xdg-$s"
  # Each side's launcher finds its own server through its own runtime directory.
  printf '#!/bin/sh\nXDG_RUNTIME_DIR=%s; export XDG_RUNTIME_DIR\nexec %s "$@"\n' "$work/xdg-$s" "$work/tool-$s/bin/annex-p2p" \
    > "$work/$s-shell"
  XDG_RUNTIME_DIR="$work/xdg-$s" "$work/tool-$s/bin/annex-p2p" shell-server 2>>"$work/resident-$s.log" &
  pids+=($!)
done
chmod +x "$work/fakessh" "$work"/*-shell
for s in "${sides[@]}"; do
  for _ in $(seq 100); do [ -S "$work/xdg-$s/annex-p2p/shell.sock" ] && break; sleep 0.1; done
  [ -S "$work/xdg-$s/annex-p2p/shell.sock" ] || { echo "bench: server $s did not start" >&2; cat "$work/resident-$s.log" >&2; exit 1; }
done
repo "$work/cli"
(cd "$work/cli" && git remote add -f src "$work/src" >/dev/null 2>&1 && git merge -q src/master)
for s in "${sides[@]}"; do
  for side in src dst; do
    r=$([ "$side" = src ] && echo "via$s" || echo "to$s")
    git -C "$work/cli" remote add "$r" "localhost:$work/$side"
    git -C "$work/cli" config "remote.$r.annex-shell" "$work/$s-shell"
    git -C "$work/cli" config "remote.$r.annex-uuid" "$(git -C "$work/$side" config annex.uuid)"
  done
done
export GIT_SSH="$work/fakessh" GIT_ANNEX_USE_GIT_SSH=1

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
echo "one untimed round, then $reps alternating rounds of get and copy --to of one 4 KiB file: A then B..." >&2
for round in $(seq 0 "$reps"); do
  for s in "${sides[@]}"; do
    drop_cli; t=$(timed get_one "$s")
    [ -f "$(readlink -f "$work/cli/one.bin")" ] || { echo "bench: get via $s did not get the file" >&2; exit 1; }
    [ "$round" = 0 ] || times[get-$s]+="$t "
    drop_dst; t=$(timed copy_one "$s")
    [ "$round" = 0 ] || times[copy-$s]+="$t "
  done
done
for s in "${sides[@]}"; do
  if grep -qv 'serving git-annex-shell sessions' "$work/resident-$s.log"; then
    echo "bench: server $s said:" >&2; cat "$work/resident-$s.log" >&2
  fi
done

stat() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{ a[NR] = $1 } END { printf "%s %s", a[1], a[int((NR + 1) / 2)] }'; }
printf '\nA = %s, B = %s; per ssh connection one 4 KiB file, %s rounds, %s cores, load %s\n' "$other" "$root" "$reps" \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-24s %9s %9s %9s %9s %8s %8s\n' "git-annex command" "B best" "B median" "A best" "A median" "best x" "median x"
row() {
  read -r b1 m1 <<<"$(stat "${times[$2]}")"; read -r b2 m2 <<<"$(stat "${times[$3]}")"
  printf '%-24s %8.3fs %8.3fs %8.3fs %8.3fs %7.2fx %7.2fx\n' "$1" "$b1" "$m1" "$b2" "$m2" \
    "$(echo "$b2 / $b1" | bc -l)" "$(echo "$m2 / $m1" | bc -l)"
}
row "git annex get" get-b get-a
row "git annex copy --to" copy-b copy-a
