#!/usr/bin/env bash
# annex-p2p benchmarks, measured side by side in one run so that ratios survive a noisy machine.
#
#   bench/run.sh            1 GiB transfers, best of 3
#   bench/run.sh --quick    64 MiB, best of 2 (a sanity run)
#   bench/run.sh --memory   also a 4 GiB GET and PUT with our server at -Xmx64m, peak RSS reported
#   bench/run.sh --tor      also the onion on a private Tor network (tests' fixture): time to reachable, throughput
#
# Same client everywhere (annex-p2p get/put), different servers: ours, git-annex-shell, and a raw server that does
# nothing but copy bytes (raw_p2pstdio.py, over a pipe or TCP); also a bare socket copy with no protocol at all
# (raw_tcp.py). A verified PUT is also timed into the least a Java server can do (MinimalPut.java), the floor for
# ours, and into the least a server without a JVM can do (minimal_put.py: Python with OpenSSL's SHA-256).
# A GET is also timed from every p2pstdio server with the least client (get_client.c, built with cc when there is
# one: it reads the DATA as fast as the pipe gives it and hashes nothing), so the row measures the server, not a
# client slower than it.
# Not part of `mvn verify`: it is slow and its numbers are not asserts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
size_mib=1024 reps=3 memory=0 tor=0
for a in "$@"; do
  case "$a" in
    --quick) size_mib=64 reps=2 ;;
    --memory) memory=1 ;;
    --tor) tor=1 ;;
    *) echo "usage: bench/run.sh [--quick] [--memory] [--tor]" >&2; exit 2 ;;
  esac
done

missing=()
for p in java javac git git-annex git-annex-shell python3 mvn; do command -v "$p" >/dev/null || missing+=("$p"); done
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (Debian package: time)")
if [ ${#missing[@]} -gt 0 ]; then echo "bench: missing: ${missing[*]}" >&2; exit 1; fi
need_mib=$(( size_mib * 4 + (memory ? 4096 * 3 : 0) ))
free_mib=$(df -Pm "${TMPDIR:-/tmp}" | awk 'NR==2 {print $4}')
if [ "$free_mib" -lt "$need_mib" ]; then
  echo "bench: needs ${need_mib} MiB free in ${TMPDIR:-/tmp}, has ${free_mib} MiB" >&2; exit 1
fi

built="$root/cli/target/annex-p2p.jar"
if [ ! -f "$built" ]; then (cd "$root" && mvn -B -q -ntp -DskipTests -pl cli -am package) >&2; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/annex-p2p-bench.XXXXXX")
# A private copy of the tool and its launcher (bin/annex-p2p, as users run it: with its class-data archives).
. "$root/bench/tool-copy.sh"
copy_tool "$root" "$work/tool"
jar="$work/tool/cli/target/annex-p2p.jar"
launcher="$work/tool/bin/annex-p2p"
cleanup() { pkill -f "annex-p2p-bench-serve" 2>/dev/null || true; chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
java_opts=${BENCH_JAVA_OPTS:--XX:+UseSerialGC}
export ANNEX_P2P_JAVA_OPTS="$java_opts"
ours() { "$launcher" "$@"; }

now() { date +%s.%N; }
# best_of CMD...: runs CMD $reps times (with $before run before each, untimed), prints the best seconds; fails if CMD does.
best_of() {
  local best=""
  for _ in $(seq "$reps"); do
    [ -n "${before:-}" ] && eval "$before"
    # Untimed: what earlier runs left unwritten goes to disk now, not during this run. git-annex-shell answers a
    # PUT without an fsync (ours fsyncs first), and the kernel writes such pages back up to 30 s later, inside
    # whichever run is being timed then.
    sync
    local t0 t1 s
    t0=$(now)
    # A failed run would be timed as a fast one: stop the bench instead (the assignment of $(best_of ...) fails).
    if ! "$@" </dev/null >/dev/null 2>>"$work/errors.log"; then echo "bench: failed: $*" >&2; tail -5 "$work/errors.log" >&2; exit 1; fi
    t1=$(now)
    s=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$s < $best" | bc -l)" = 1 ]; then best=$s; fi
  done
  echo "$best"
}
# keep_best ARRAY KEY SECONDS: ARRAY[KEY] becomes SECONDS if it is unset or slower. No SECONDS means the timed run
# failed (best_of said why, from a command substitution that set -e does not see): the bench stops.
keep_best() {
  [ -n "$3" ] || exit 1
  local -n best=$1
  if [ -z "${best[$2]:-}" ] || [ "$(echo "$3 < ${best[$2]}" | bc -l)" = 1 ]; then best[$2]=$3; fi
}
mibs() { echo "scale=1; $size_mib / $1" | bc -l; }
ratio() { echo "scale=2; $2 / $1" | bc -l; }   # speed ratio a:b given seconds a, b = b/a

repo() { git init -q -b master "$1" && git -C "$1" config user.email bench@example.invalid \
  && git -C "$1" config user.name bench && (cd "$1" && git annex init -q "$(basename "$1")"); }
echo "preparing a ${size_mib} MiB file in a git-annex repository..." >&2
repo "$work/src"; repo "$work/dst"
head -c "$((size_mib << 20))" /dev/urandom > "$work/src/big.bin"
(cd "$work/src" && git annex add -q big.bin && git commit -q -m big)
key=$(cd "$work/src" && git annex lookupkey big.bin)
object=$(cd "$work/src" && readlink -f big.bin)
cu=00000000-0000-4000-8000-0000000c11e7
out="$work/out.bin"

echo "recording the launcher's class-data archives (one untimed GET and PUT)..." >&2
ours get --exec "$launcher p2pstdio $work/src $cu" "$key" "$out" 2>/dev/null
ours put --exec "$launcher p2pstdio $work/dst $cu" "$key" "$object" 2>/dev/null
(cd "$work/dst" && git annex dropkey -q --force "$key")
ours token --repo "$work/src" >/dev/null

declare -A get_s put_s lean_put native_get
native=""
if command -v cc >/dev/null && cc -O2 -o "$work/get_client" "$here/get_client.c"; then
  native="$work/get_client"
  # Its yardstick: the least client fed by cat (no JVM, no Python, no repository), which shows what the client
  # itself can take; every server's row is slower than this one, or the rows measure the client.
  printf '#!/bin/sh\necho AUTH-SUCCESS 00000000-0000-4000-8000-00000000beef; read v; echo VERSION 1; read g\n%s\n' \
    "echo DATA $((size_mib << 20)); cat \"\$1\"; echo VALID; read s" > "$work/cat_server"
  chmod +x "$work/cat_server"
  # The timed runs throw the bytes away (writing them to a file is a client's cost); each server's are checked here.
  for src_cmd in "$launcher p2pstdio $work/src $cu" "git-annex-shell p2pstdio $work/src $cu" \
      "python3 $here/raw_p2pstdio.py $object" "$work/cat_server $object"; do
    "$native" "$src_cmd" "$key" "$out" 2>>"$work/errors.log"
    cmp -s "$out" "$object" || { echo "bench: GET from $src_cmd to the least client produced wrong bytes" >&2; exit 1; }
    rm -f "$out"
  done
fi
javac -d "$work" "$here/MinimalPut.java"
mkdir -p "$work/minimal"
# Rounds alternate the servers, so that a change in the machine's load during the run hits each of them alike
# instead of whichever was being timed then; each row keeps its best round.
echo "p2pstdio GET/PUT: ours, git-annex-shell, a raw pipe and the least servers with and without a JVM, alternating, $reps rounds..." >&2
for _ in $(seq "$reps"); do
  for server in ours git-annex-shell raw; do
    case "$server" in
      ours) src_cmd="$launcher p2pstdio $work/src $cu"; dst_cmd="$launcher p2pstdio $work/dst $cu" ;;
      git-annex-shell) src_cmd="git-annex-shell p2pstdio $work/src $cu"; dst_cmd="git-annex-shell p2pstdio $work/dst $cu" ;;
      raw) src_cmd="python3 $here/raw_p2pstdio.py $object"; dst_cmd="python3 $here/raw_p2pstdio.py /dev/null" ;;
    esac
    before="rm -f $out"
    keep_best get_s "$server" "$(reps=1 best_of ours get --exec "$src_cmd" "$key" "$out")"
    cmp -s "$out" "$object" || { echo "bench: GET from $server produced wrong bytes" >&2; exit 1; }
    # Gone now, not before the next GET: its unwritten pages would otherwise go to disk during the runs between.
    rm -f "$out"
    if [ -n "$native" ]; then
      keep_best native_get "$server" "$(reps=1 best_of "$native" "$src_cmd" "$key" -)"
    fi
    before="(cd $work/dst && git annex dropkey -q --force $key 2>/dev/null || true)"
    keep_best put_s "$server" "$(reps=1 best_of ours put --exec "$dst_cmd" "$key" "$object")"
    # The same PUT from a client that only sendfiles (no JVM): what the server alone allows.
    [ "$server" != raw ] && keep_best lean_put "$server" "$(reps=1 best_of python3 "$here/sendfile_put.py" "$dst_cmd" "$key" "$object")"
    # git-annex-shell's PUT with the guarantee ours gives before it answers SUCCESS: the object on disk.
    [ "$server" = git-annex-shell ] && keep_best lean_put durable-gas "$(reps=1 best_of sh -c 'python3 "$@" && sync' \
      sh "$here/sendfile_put.py" "$dst_cmd" "$key" "$object")"
    before=""
  done
  [ -n "$native" ] && keep_best native_get cat "$(reps=1 best_of "$native" "$work/cat_server $object" "$key" -)"
  # The least a Java server can do for a verified PUT (bench/MinimalPut.java), and the least without a JVM.
  keep_best lean_put minimal "$(reps=1 best_of python3 "$here/sendfile_put.py" "java $java_opts -cp $work MinimalPut $work/minimal" "$key" "$object")"
  keep_best lean_put minimal-py "$(reps=1 best_of python3 "$here/sendfile_put.py" "python3 $here/minimal_put.py $work/minimal" "$key" "$object")"
done
minimal_put=${lean_put[minimal]}

echo "TCP loopback: annex-p2p serve vs the raw TCP server vs a bare socket copy, alternating, $reps rounds..." >&2
token=$(ours token --repo "$work/src")
dtoken=$(ours token --repo "$work/dst")
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); dport=$(free_port); rport=$(free_port)
ANNEX_P2P_JAVA_OPTS="$java_opts -Dannex-p2p-bench-serve" ours serve --repo "$work/src" --listen "127.0.0.1:$port" 2>"$work/serve.log" &
ANNEX_P2P_JAVA_OPTS="$java_opts -Dannex-p2p-bench-serve" ours serve --repo "$work/dst" --listen "127.0.0.1:$dport" 2>"$work/dserve.log" &
# The least a TCP P2P server can do (like the raw pipe above, over a socket).
python3 "$here/raw_p2pstdio.py" "$object" --listen "$rport" annex-p2p-bench-serve 2>>"$work/errors.log" &
for _ in $(seq 100); do grep -q serving "$work/serve.log" 2>/dev/null && grep -q serving "$work/dserve.log" 2>/dev/null && break; sleep 0.2; done
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $rport)).close()" 2>/dev/null && break; sleep 0.1; done
declare -A tcp_get_s tcp_put_s
for _ in $(seq "$reps"); do
  for server in ours raw; do
    if [ "$server" = ours ]; then sp=$port; dp=$dport; dt=$dtoken; else sp=$rport; dp=$rport; dt=$token; fi
    before="rm -f $out"
    keep_best tcp_get_s "$server" "$(reps=1 best_of ours get --address "tcp://127.0.0.1:$sp" --token "$token" "$key" "$out")"
    cmp -s "$out" "$object" || { echo "bench: GET over TCP from the $server server produced wrong bytes" >&2; exit 1; }
    rm -f "$out"
    before="(cd $work/dst && git annex dropkey -q --force $key 2>/dev/null || true)"
    keep_best tcp_put_s "$server" "$(reps=1 best_of ours put --address "tcp://127.0.0.1:$dp" --token "$dt" "$key" "$object")"
    before=""
  done
  sync; keep_best tcp_get_s bare "$(python3 "$here/raw_tcp.py" "$object")"
done
pkill -f "annex-p2p-bench-serve" || true
tcp_get=${tcp_get_s[ours]} tcp_put=${tcp_put_s[ours]} raw_srv_get=${tcp_get_s[raw]} raw_srv_put=${tcp_put_s[raw]}
raw_tcp=${tcp_get_s[bare]}

echo "end to end: the real git-annex client through our server vs git-annex-shell (ssh remote, local fake ssh)..." >&2
printf '#!/bin/sh\nfor last; do :; done\nexec sh -c "$last"\n' > "$work/fakessh"
printf '#!/bin/sh\nexec %s "$@"\n' "$launcher" > "$work/ours-shell"
chmod +x "$work/fakessh" "$work/ours-shell"
repo "$work/cli"
(cd "$work/cli" && git remote add -f src "$work/src" >/dev/null 2>&1 && git merge -q src/master \
  && git remote add viaours "localhost:$work/src" && git config remote.viaours.annex-shell "$work/ours-shell" \
  && git remote add viagas "localhost:$work/src" && git config remote.viagas.annex-shell git-annex-shell \
  && git remote add toours "localhost:$work/dst" && git config remote.toours.annex-shell "$work/ours-shell" \
  && git remote add togas "localhost:$work/dst" && git config remote.togas.annex-shell git-annex-shell)
for r in viaours viagas toours togas; do git -C "$work/cli" config "remote.$r.annex-uuid" \
  "$(git -C "$work/$( [[ $r == via* ]] && echo src || echo dst )" config annex.uuid)"; done
export GIT_SSH="$work/fakessh" GIT_ANNEX_USE_GIT_SSH=1
declare -A e2e_get e2e_copy
# Alternating rounds, as above.
for _ in $(seq "$reps"); do
  for via in ours gas; do
    before="(cd $work/cli && git annex drop -q --force big.bin 2>/dev/null || true)"
    keep_best e2e_get "$via" "$(reps=1 best_of sh -c "cd $work/cli && git annex get -q --from via$via big.bin")"
    (cd "$work/cli" && git annex fsck -q big.bin) || { echo "bench: git annex get via $via gave bad content" >&2; exit 1; }
    before="(cd $work/dst && git annex dropkey -q --force $key 2>/dev/null || true)"
    keep_best e2e_copy "$via" "$(reps=1 best_of sh -c "cd $work/cli && git annex copy -q --to to$via big.bin")"
    before=""
  done
done
unset GIT_SSH GIT_ANNEX_USE_GIT_SSH

echo "interpreter: steps per second vs a plain loop, 10,000,000 binds in a 256 KiB stack..." >&2
javac -d "$work" -cp "$jar" "$here/InterpreterSteps.java"
interp=$(java $java_opts -cp "$work:$jar" InterpreterSteps)

echo "start-up: time to AUTH-SUCCESS..." >&2
javac -d "$work" "$here/Hello.java"
reps_saved=$reps; reps=5
start_ours=$(best_of "$launcher" p2pstdio "$work/src" "$cu")
start_jvm=$(best_of java $java_opts -cp "$work" Hello)
start_gas=$(best_of git-annex-shell p2pstdio "$work/src" "$cu")
reps=$reps_saved

printf '\nannex-p2p benchmarks: %s MiB, best of %s, %s, %s cores, load %s\n' "$size_mib" "$reps" \
  "$(java -version 2>&1 | head -1)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'Same client (bin/annex-p2p get/put, JVM start included) for every server; ours runs through bin/annex-p2p too.\n\n'
printf '%-40s %10s %10s %10s\n' "transfer" "ours" "other" "ratio"
row() { printf '%-40s %7s MiB/s %7s MiB/s %8sx\n' "$1" "$(mibs "$2")" "$(mibs "$3")" "$(ratio "$2" "$3" | sed 's/^\./0./')"; }
row "GET p2pstdio: ours vs git-annex-shell" "${get_s[ours]}" "${get_s[git-annex-shell]}"
row "GET p2pstdio: ours vs raw pipe" "${get_s[ours]}" "${get_s[raw]}"
if [ -n "$native" ]; then
  row "GET, least client: ours vs g-a-shell" "${native_get[ours]}" "${native_get[git-annex-shell]}"
  row "GET, least client: ours vs raw pipe" "${native_get[ours]}" "${native_get[raw]}"
  row "GET from ours: least client vs our client" "${native_get[ours]}" "${get_s[ours]}"
  row "least client: from ours vs from cat" "${native_get[ours]}" "${native_get[cat]}"
  row "least client: from g-a-shell vs from cat" "${native_get[git-annex-shell]}" "${native_get[cat]}"
fi
row "PUT p2pstdio (verified): ours vs g-a-shell" "${put_s[ours]}" "${put_s[git-annex-shell]}"
row "PUT p2pstdio: ours vs raw pipe (no hash)" "${put_s[ours]}" "${put_s[raw]}"
row "PUT, sendfile-only client: ours vs g-a-shell" "${lean_put[ours]}" "${lean_put[git-annex-shell]}"
row "PUT, sendfile-only: ours vs least Java srv" "${lean_put[ours]}" "$minimal_put"
row "PUT, sendfile-only: ours vs g-a-shell+sync" "${lean_put[ours]}" "${lean_put[durable-gas]}"
row "PUT, sendfile-only: least Java srv vs g-a-sh" "$minimal_put" "${lean_put[git-annex-shell]}"
row "PUT, sendfile-only: least Python srv vs g-a-sh" "${lean_put[minimal-py]}" "${lean_put[git-annex-shell]}"
row "GET TCP loopback: ours vs raw TCP server" "$tcp_get" "$raw_srv_get"
row "PUT TCP loopback: ours vs raw TCP server" "$tcp_put" "$raw_srv_put"
row "GET TCP: ours vs bare socket copy (no hash)" "$tcp_get" "$raw_tcp"
row "git annex get (real client): ours vs g-a-shell" "${e2e_get[ours]}" "${e2e_get[gas]}"
row "git annex copy --to: ours vs g-a-shell" "${e2e_copy[ours]}" "${e2e_copy[gas]}"
printf '(ratio = ours speed / other speed; > 1 means ours is faster)\n\n'
printf '%s\n' "$interp"
printf 'start-up to AUTH-SUCCESS: ours %.3f s, bare JVM hello %.3f s (%.2fx), git-annex-shell %.3f s\n' \
  "$start_ours" "$start_jvm" "$(echo "$start_ours / $start_jvm" | bc -l)" "$start_gas"

if [ "$memory" = 1 ]; then
  echo "memory: 4 GiB GET and PUT through our p2pstdio server at -Xmx64m..." >&2
  head -c "$((4096 << 20))" /dev/urandom > "$work/src/huge.bin"
  (cd "$work/src" && git annex add -q huge.bin && git commit -q -m huge)
  hkey=$(cd "$work/src" && git annex lookupkey huge.bin); hobj=$(cd "$work/src" && readlink -f huge.bin)
  cat > "$work/srv.sh" <<EOS
#!/bin/sh
ANNEX_P2P_JAVA_OPTS="-Xmx64m $java_opts" exec /usr/bin/time -f '%M' -o "\$BENCH_RSS" $launcher p2pstdio "\$1" $cu
EOS
  chmod +x "$work/srv.sh"
  BENCH_RSS="$work/rss-get" ours get --exec "$work/srv.sh $work/src" "$hkey" "$work/huge.out" 2>/dev/null
  cmp -s "$work/huge.out" "$hobj" || { echo "bench: 4 GiB GET produced wrong bytes" >&2; exit 1; }
  rm -f "$work/huge.out"
  BENCH_RSS="$work/rss-put" ours put --exec "$work/srv.sh $work/dst" "$hkey" "$hobj" 2>/dev/null
  printf 'peak RSS of our server at -Xmx64m: 4 GiB GET %s MiB, 4 GiB PUT %s MiB\n' \
    "$(( $(cat "$work/rss-get") / 1024 ))" "$(( $(cat "$work/rss-put") / 1024 ))"
fi
if [ "$tor" = 1 ]; then
  command -v tor >/dev/null || { echo "bench: --tor needs tor (Debian package: tor)" >&2; exit 1; }
  echo "tor: the onion transport contract on a private Tor network (about a minute)..." >&2
  (cd "$root" && mvn -B -ntp -pl tor -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=OnionTransportContractIT -Dfailsafe.failIfNoSpecifiedTests=false) > "$work/tor.log" 2>&1 \
    || { echo "bench: the tor run failed; see its output:" >&2; tail -30 "$work/tor.log" >&2; exit 1; }
  printf 'tor (private network on loopback): %s\n' "$(grep -m1 '^contract onion:' "$work/tor.log")"
  printf 'tor: %s\n' "$(grep -m1 'each way at once' "$work/tor.log")"
fi
[ -s "$work/errors.log" ] && { echo "(stderr of the timed commands:)"; tail -5 "$work/errors.log"; }
exit 0
