#!/usr/bin/env bash
# Many small files over P2P over HTTP: the real git-annex client (10.20250416; `git annex copy --to`, `git annex get
# --from` through remote.NAME.annexUrl) moving N files of 4 KiB through our server (annex-p2p p2phttp) and through
# git annex p2phttp, over one repository, alternating, best of R; prints the times and ratios.
#
#   bench/p2phttp-small.sh                 400 files, best of 3
#   bench/p2phttp-small.sh --files N --reps R
#
# The HTTP row beside bench/small-files.sh's ssh rows (issue 22, item 1). Both servers stay up for the whole run, so
# no server start is timed. Upstream's server runs with --jobs 8 (BENCH_UPSTREAM_JOBS). Not part of `mvn verify`: its
# numbers are not asserts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
files=400 reps=3
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files=$2; shift ;;
    --reps) reps=$2; shift ;;
    *) echo "usage: bench/p2phttp-small.sh [--files N] [--reps R]" >&2; exit 2 ;;
  esac
  shift
done
command -v bc >/dev/null || { echo "bench: missing: bc" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/annex-p2p-httpsmall.XXXXXX")
. "$here/p2phttp-common.sh"

echo "# setting up: $files files of 4 KiB, $(git annex version | head -1)" >&2
server="$work/server" client="$work/client"
git init -q "$server" && git -C "$server" annex init -q server
git init -q "$client" && git -C "$client" annex init -q client
git -C "$client" config annex.security.allowed-ip-addresses all
mkdir "$client/f"
python3 - "$client/f" "$files" <<'EOF'
import os, sys
for i in range(int(sys.argv[2])):
    with open(os.path.join(sys.argv[1], "%04d.bin" % i), "wb") as f:
        f.write(os.urandom(4096))
EOF
(cd "$client" && git annex add -q f && git -c user.name=b -c user.email=b@b commit -q -m files)
(cd "$client" && git annex find --format='${key}\n' f) > "$work/keys"
uuid=$(git -C "$server" config annex.uuid)

ours_port=$(free_port) theirs_port=$(free_port)
serve_ours "$server" "$ours_port"
serve_upstream "$server" "$theirs_port"
http_remotes "$client" "$uuid" "$ours_port" "$theirs_port"

# The server's store emptied between runs (both servers serve the same repository), and the client's for a get.
empty_server() { (cd "$server" && git annex dropkey -q --force --batch < "$work/keys" >/dev/null 2>&1 && git annex merge -q >/dev/null 2>&1) || true; }
empty_client() { (cd "$client" && git annex drop -q --force f >/dev/null 2>&1) || true; }
count() { find "$1/.git/annex/objects" -type f 2>/dev/null | wc -l; }
timed() {
  sync
  local t0; t0=$(now)
  if ! "$@" </dev/null >/dev/null 2>>"$work/errors.log"; then echo "bench: failed: $*" >&2; tail -5 "$work/errors.log" >&2; exit 1; fi
  echo "$(now) - $t0" | bc -l
}
copy_to() { git -C "$client" annex copy -q --to "$1" f; }
get_from() { git -C "$client" annex get -q --from "$1" f; }
declare -A best
keep() { if [ -z "${best[$1]:-}" ] || [ "$(echo "$2 < ${best[$1]}" | bc -l)" = 1 ]; then best[$1]=$2; fi; }

echo "# one untimed round, then $reps alternating rounds of copy --to and get of $files files" >&2
for round in $(seq 0 "$reps"); do
  for name in ours theirs; do
    empty_server; t=$(timed copy_to "$name")
    [ "$(count "$server")" -ge "$files" ] || { echo "bench: copy --to $name moved fewer than $files files" >&2; exit 1; }
    [ "$round" = 0 ] || keep "copy-$name" "$t"
    empty_client; t=$(timed get_from "$name")
    [ "$(count "$client")" -ge "$files" ] || { echo "bench: get from $name moved fewer than $files files" >&2; exit 1; }
    [ "$round" = 0 ] || keep "get-$name" "$t"
  done
done
(cd "$client" && git annex fsck -q f) || { echo "bench: the files got are not what was added" >&2; exit 1; }

printf '\nmany small files over P2P over HTTP (%s x 4 KiB), best of %s, %s cores, load %s\n' "$files" "$reps" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-62s %9s %9s %8s\n' "git-annex command" "ours" "theirs" "ratio"
row() { printf '%-62s %8.2fs %8.2fs %7.2fx\n' "$1" "$2" "$3" "$(echo "$3 / $2" | bc -l)"; }
row "git annex copy --to: annex-p2p p2phttp vs git annex p2phttp" "${best[copy-ours]}" "${best[copy-theirs]}"
row "git annex get: annex-p2p p2phttp vs git annex p2phttp" "${best[get-ours]}" "${best[get-theirs]}"
printf '(ratio = theirs / ours; > 1 means ours is faster)\n'
