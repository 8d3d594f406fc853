# Sourced by the benches that move many small files through two servers, ours and theirs, over one repository
# (bench/p2phttp-small.sh, bench/small-files-tcp.sh): the repositories, the timing and the alternating rounds.
# Expects $work; the caller adds the remotes named "ours" and "theirs" to the client.
#
# small_files_repos DIR N: makes DIR/server and DIR/client (git-annex repositories), N random files of 4 KiB added and
#   committed in the client's f/, their keys in DIR/keys; sets $server, $client and $keys (a caller's locals, if it
#   declared them).
# small_files_rounds PREFIX REPS N: one untimed round, then REPS alternating rounds of copy --to and get of the N files
#   through "ours" and "theirs", each emptying the other side first; keeps the best of each in best[PREFIXcopy-ours],
#   best[PREFIXget-theirs] and so on; fails if a command moved fewer than N files.
declare -A best
now() { date +%s.%N; }
count() { find "$1/.git/annex/objects" -type f 2>/dev/null | wc -l; }
timed() {
  sync
  local t0; t0=$(now)
  if ! "$@" </dev/null >/dev/null 2>>"$work/errors.log"; then echo "bench: failed: $*" >&2; tail -5 "$work/errors.log" >&2; exit 1; fi
  echo "$(now) - $t0" | bc -l
}
keep() { if [ -z "${best[$1]:-}" ] || [ "$(echo "$2 < ${best[$1]}" | bc -l)" = 1 ]; then best[$1]=$2; fi; }

small_files_repos() {
  server="$1/server" client="$1/client" keys="$1/keys"
  git init -q "$server" && git -C "$server" annex init -q server
  git init -q "$client" && git -C "$client" annex init -q client
  mkdir "$client/f"
  python3 - "$client/f" "$2" <<'PY'
import os, sys
for i in range(int(sys.argv[2])):
    with open(os.path.join(sys.argv[1], "%04d.bin" % i), "wb") as f:
        f.write(os.urandom(4096))
PY
  (cd "$client" && git annex add -q f && git -c user.name=b -c user.email=b@b commit -q -m files)
  (cd "$client" && git annex find --format='${key}\n' f) > "$keys"
}

# The server's store emptied before a copy --to (dropkey's journal committed, so each run starts from a repository
# at rest), the client's before a get.
empty_server() { (cd "$server" && git annex dropkey -q --force --batch < "$keys" >/dev/null 2>&1 \
  && git annex merge -q >/dev/null 2>&1) || true; }
empty_client() { (cd "$client" && git annex drop -q --force f >/dev/null 2>&1) || true; }
copy_to() { git -C "$client" annex copy -q --to "$1" f; }
get_from() { git -C "$client" annex get -q --from "$1" f; }

small_files_rounds() {
  local prefix=$1 reps=$2 files=$3 round via t
  for round in $(seq 0 "$reps"); do
    for via in ours theirs; do
      empty_server; t=$(timed copy_to "$via")
      [ "$(count "$server")" -ge "$files" ] || { echo "bench: copy --to $via moved fewer than $files files" >&2; exit 1; }
      [ "$round" = 0 ] || keep "${prefix}copy-$via" "$t"
      empty_client; t=$(timed get_from "$via")
      [ "$(count "$client")" -ge "$files" ] || { echo "bench: get from $via moved fewer than $files files" >&2; exit 1; }
      [ "$round" = 0 ] || keep "${prefix}get-$via" "$t"
    done
  done
}
