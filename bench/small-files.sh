#!/usr/bin/env bash
# Many small files through one ssh connection: the real git-annex client (`git annex copy --to`, `git annex get`)
# through our p2pstdio server and through git-annex-shell, side by side, alternating, best of N; prints ratios.
#
#   bench/small-files.sh                  400 files of 4 KiB, best of 3 rounds
#   bench/small-files.sh --files N --reps R
#   bench/small-files.sh --before DIR  also times the build in another checkout DIR (its cli/target), as a third
#                                         server: a change's before and after side by side in one run
#   bench/small-files.sh --before DIR --before-opts 'OPTS'   the third server runs with these JVM options instead
#                                         (ANNEX_P2P_JAVA_OPTS): with DIR this checkout, a JVM flag's effect alone
#   bench/small-files.sh --strace         also one untimed copy and get per server under `strace -f -c`: where the
#                                         system calls go (execs, fsyncs) for each server and its children
#   bench/small-files.sh --resident       also times ours through a resident `annex-p2p shell-server` (the
#                                         launcher hands the session to it; no JVM start per connection)
#
# The ssh remote is the same local fake ssh as bench/run.sh's "real client" rows: it runs the remote command with
# sh, so git-annex starts `git-annex-shell` or our launcher (remote.NAME.annex-shell) once per connection.
# Not part of `mvn verify`: its numbers are not asserts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
files=400 reps=3 trace=0 before= before_opts= resident=0
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files=$2; shift ;;
    --reps) reps=$2; shift ;;
    --strace) trace=1 ;;
    --resident) resident=1 ;;
    --before-opts) before_opts=$2; shift ;;
    --before) before=$(cd "$2" && pwd); shift
      [ -f "$before/cli/target/annex-p2p.jar" ] || { echo "bench: no build in $before/cli/target" >&2; exit 1; } ;;
    *) echo "usage: bench/small-files.sh [--files N] [--reps R] [--before DIR [--before-opts OPTS]] [--resident] [--strace]" >&2; exit 2 ;;
  esac
  shift
done

missing=()
for p in java git git-annex git-annex-shell bc; do command -v "$p" >/dev/null || missing+=("$p"); done
[ "$trace" = 0 ] || command -v strace >/dev/null || missing+=("strace (Debian package: strace)")
if [ ${#missing[@]} -gt 0 ]; then echo "bench: missing: ${missing[*]}" >&2; exit 1; fi

built="$root/cli/target/annex-p2p.jar"
if [ ! -f "$built" ]; then (cd "$root" && mvn -B -q -ntp -DskipTests -pl cli -am package) >&2; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/annex-p2p-small.XXXXXX")
. "$root/bench/tool-copy.sh"
copy_tool "$root" "$work/tool"
servers=(ours gas)
if [ -n "$before" ]; then copy_tool "$before" "$work/before"; servers+=(before); fi
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
echo "preparing $files files of 4 KiB in a git-annex repository..." >&2
repo "$work/src"; repo "$work/dst"
mkdir "$work/src/f"
python3 - "$work/src/f" "$files" <<'EOF'
import os, sys
for i in range(int(sys.argv[2])):
    with open(os.path.join(sys.argv[1], "%04d.bin" % i), "wb") as f:
        f.write(os.urandom(4096))
EOF
(cd "$work/src" && git annex add -q f && git commit -q -m files)
(cd "$work/src" && git annex find --format='${key}\n' f) > "$work/keys"

printf '#!/bin/sh\nfor last; do :; done\nexec sh -c "$last"\n' > "$work/fakessh"
# What git-annex runs as each remote's shell (with JVM options $3 when given; resident server use $4, off unless
# given); under strace when $BENCH_TRACE names an output file.
shell_for() {
  cat > "$work/$1-shell" <<EOS
#!/bin/sh
${3:+ANNEX_P2P_JAVA_OPTS='$3'; export ANNEX_P2P_JAVA_OPTS}
ANNEX_P2P_RESIDENT=${4:-off}; export ANNEX_P2P_RESIDENT
if [ -n "\${BENCH_TRACE:-}" ]; then exec strace -f -c -w -o "\$BENCH_TRACE" $2 "\$@"; fi
exec $2 "\$@"
EOS
  chmod +x "$work/$1-shell"
}
shell_for ours "$work/tool/bin/annex-p2p"
shell_for gas git-annex-shell
shell_for before "$work/before/bin/annex-p2p" "$before_opts"
shell_for resident "$work/tool/bin/annex-p2p" "" on
if [ "$resident" = 1 ]; then
  servers+=(resident)
  # Our server as it would run for a user: the same launcher, JVM options and class-data as the other rows.
  start_resident "$work/tool" "$work"
fi
chmod +x "$work/fakessh"
repo "$work/cli"
(cd "$work/cli" && git remote add -f src "$work/src" >/dev/null 2>&1 && git merge -q src/master)
for via in "${servers[@]}"; do
  git -C "$work/cli" remote add "via$via" "localhost:$work/src"
  git -C "$work/cli" config "remote.via$via.annex-shell" "$work/$via-shell"
  git -C "$work/cli" config "remote.via$via.annex-uuid" "$(git -C "$work/src" config annex.uuid)"
  git -C "$work/cli" remote add "to$via" "localhost:$work/dst"
  git -C "$work/cli" config "remote.to$via.annex-shell" "$work/$via-shell"
  git -C "$work/cli" config "remote.to$via.annex-uuid" "$(git -C "$work/dst" config annex.uuid)"
done
export GIT_SSH="$work/fakessh" GIT_ANNEX_USE_GIT_SSH=1

# dropkey --batch leaves its location log changes in the journal; `merge` commits them to the git-annex branch, so
# that each run starts as a repository at rest does, with nothing journalled (a server then reads the branch).
empty_dst() { (cd "$work/dst" && git annex dropkey -q --force --batch < "$work/keys" >/dev/null 2>&1 \
  && git annex merge -q >/dev/null 2>&1) || true; }
empty_cli() { (cd "$work/cli" && git annex drop -q --force f >/dev/null 2>&1) || true; }
copy_to() { (cd "$work/cli" && git annex copy -q --to "to$1" f); }
get_from() { (cd "$work/cli" && git annex get -q --from "via$1" f); }
# Every key must have arrived: a run that moved fewer files would be timed as a fast one.
all_in() { [ "$(find "$1/.git/annex/objects" -type f | wc -l)" -ge "$files" ] || { echo "bench: $2 moved fewer than $files files" >&2; exit 1; }; }

now() { date +%s.%N; }
# timed CMD...: seconds CMD took (after an untimed sync, so no earlier run's writeback lands in it).
timed() {
  sync
  local t0; t0=$(now)
  if ! "$@" </dev/null >/dev/null 2>>"$work/errors.log"; then echo "bench: failed: $*" >&2; tail -5 "$work/errors.log" >&2; exit 1; fi
  echo "$(now) - $t0" | bc -l
}
declare -A best
keep() { if [ -z "${best[$1]:-}" ] || [ "$(echo "$2 < ${best[$1]}" | bc -l)" = 1 ]; then best[$1]=$2; fi; }

echo "one untimed round (the launcher's first start, git-annex's caches)..." >&2
for via in "${servers[@]}"; do empty_dst; copy_to "$via" >/dev/null 2>&1; empty_cli; get_from "$via" >/dev/null 2>&1; done

echo "copy --to and get of $files files: ${servers[*]} alternating, $reps rounds..." >&2
for _ in $(seq "$reps"); do
  for via in "${servers[@]}"; do
    empty_dst; keep "copy-$via" "$(timed copy_to "$via")"; all_in "$work/dst" "copy --to via $via"
    empty_cli; keep "get-$via" "$(timed get_from "$via")"; all_in "$work/cli" "get via $via"
  done
done
(cd "$work/cli" && git annex fsck -q f) || { echo "bench: the files got are not what was added" >&2; exit 1; }

printf '\nmany small files (%s x 4 KiB, one ssh connection), best of %s, %s, %s cores, load %s\n' "$files" "$reps" \
  "$(java -version 2>&1 | head -1)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %9s %9s %8s\n' "git-annex command" "ours" "other" "ratio"
row() { printf '%-44s %8.2fs %8.2fs %7.2fx\n' "$1" "$2" "$3" "$(echo "$3 / $2" | bc -l)"; }
row "git annex copy --to: ours vs g-a-shell" "${best[copy-ours]}" "${best[copy-gas]}"
row "git annex get: ours vs g-a-shell" "${best[get-ours]}" "${best[get-gas]}"
if [ -n "$before" ]; then
  row "git annex copy --to: before vs g-a-shell" "${best[copy-before]}" "${best[copy-gas]}"
  row "git annex get: before vs g-a-shell" "${best[get-before]}" "${best[get-gas]}"
  row "git annex copy --to: ours vs before" "${best[copy-ours]}" "${best[copy-before]}"
  row "git annex get: ours vs before" "${best[get-ours]}" "${best[get-before]}"
fi
if [ "$resident" = 1 ]; then
  row "git annex copy --to: resident vs g-a-shell" "${best[copy-resident]}" "${best[copy-gas]}"
  row "git annex get: resident vs g-a-shell" "${best[get-resident]}" "${best[get-gas]}"
  row "git annex copy --to: resident vs ours" "${best[copy-resident]}" "${best[copy-ours]}"
  row "git annex get: resident vs ours" "${best[get-resident]}" "${best[get-ours]}"
fi
printf '(ratio = the other time / the first; > 1 means the first is faster)\n'
[ -z "$before_opts" ] || printf '(before ran with ANNEX_P2P_JAVA_OPTS=%s, ours with %s)\n' "$before_opts" "$ANNEX_P2P_JAVA_OPTS"

if [ "$trace" = 1 ]; then
  # One run each under strace: counts, not times (strace slows every system call down).
  for via in "${servers[@]}"; do
    empty_dst; BENCH_TRACE="$work/copy-$via.strace" copy_to "$via" >/dev/null 2>&1
    empty_cli; BENCH_TRACE="$work/get-$via.strace" get_from "$via" >/dev/null 2>&1
  done
  printf '\nsystem calls of the server and its children per %s-file run (strace -f -c -w): calls; seconds in fsync\n' "$files"
  . "$root/bench/strace-counts.sh"
  strace_header
  for run in "${servers[@]/#/copy-}" "${servers[@]/#/get-}"; do strace_row "$run" "$work/$run.strace"; done
fi
[ -s "$work/errors.log" ] && { echo "(stderr of the timed commands:)"; tail -5 "$work/errors.log"; }
exit 0
