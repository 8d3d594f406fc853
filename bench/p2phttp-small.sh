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
. "$here/small-files-rounds.sh"
small_files_repos "$work" "$files"
git -C "$client" config annex.security.allowed-ip-addresses all
uuid=$(git -C "$server" config annex.uuid)

ours_port=$(free_port) theirs_port=$(free_port)
serve_ours "$server" "$ours_port"
serve_upstream "$server" "$theirs_port"
http_remotes "$client" "$uuid" "$ours_port" "$theirs_port"

echo "# one untimed round, then $reps alternating rounds of copy --to and get of $files files" >&2
small_files_rounds "" "$reps" "$files"
(cd "$client" && git annex fsck -q f) || { echo "bench: the files got are not what was added" >&2; exit 1; }

printf '\nmany small files over P2P over HTTP (%s x 4 KiB), best of %s, %s cores, load %s\n' "$files" "$reps" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-62s %9s %9s %8s\n' "git-annex command" "ours" "theirs" "ratio"
row() { printf '%-62s %8.2fs %8.2fs %7.2fx\n' "$1" "$2" "$3" "$(echo "$3 / $2" | bc -l)"; }
row "git annex copy --to: annex-p2p p2phttp vs git annex p2phttp" "${best[copy-ours]}" "${best[copy-theirs]}"
row "git annex get: annex-p2p p2phttp vs git annex p2phttp" "${best[get-ours]}" "${best[get-theirs]}"
printf '(ratio = theirs / ours; > 1 means ours is faster)\n'
