# Shared by the p2phttp benches (sourced): git-annex 10.20250416, a private copy of our tool, two servers over one
# repository, and clean-up. Expects $root and $work; sets $upstream, $launcher and the functions below.
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

newer=${ANNEX_P2P_NEWER_GIT_ANNEX:-${HOME:-/root}/.cache/annex-p2p-peers/git-annex-bpo/root/usr}
upstream="$newer/bin/git-annex"
if ! "$upstream" p2phttp --help >/dev/null 2>&1; then
  echo "bench: no git-annex with p2phttp at $newer (set ANNEX_P2P_NEWER_GIT_ANNEX to its usr directory)" >&2; exit 1
fi
# `git annex` in clients and servers alike is the newer release: annexUrl needs it.
export PATH="$newer/bin:$PATH"
for p in java git curl python3; do command -v "$p" >/dev/null || { echo "bench: missing: $p" >&2; exit 1; }; done

built="$root/cli/target/annex-p2p.jar"
if [ ! -f "$built" ]; then (cd "$root" && mvn -B -q -ntp -DskipTests -pl cli -am package) >&2; fi
. "$root/bench/tool-copy.sh"
copy_tool "$root" "$work/tool"
launcher="$work/tool/bin/annex-p2p"


free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

# wait_http PORT: until something answers HTTP there.
wait_http() {
  for _ in $(seq 600); do
    curl -s -o /dev/null "http://127.0.0.1:$1/git-annex/" && return 0
    sleep 0.1
  done
  echo "bench: nothing answers on port $1" >&2; exit 1
}

# serve_ours DIR PORT [JAVA_OPTS]: our server over the repository DIR; its PID in $served.
serve_ours() {
  (cd "$1" && ANNEX_P2P_JAVA_OPTS="${3:--XX:+UseSerialGC}" exec "$launcher" p2phttp --wideopen --port "$2") \
    >>"$work/ours.log" 2>&1 &
  served=$!; pids+=("$served"); wait_http "$2"
}

# serve_upstream DIR PORT: git annex p2phttp over DIR (it wants --jobs 2 at least); its PID in $served.
serve_upstream() {
  (cd "$1" && exec "$upstream" p2phttp --wideopen --bind 127.0.0.1 --port "$2" --jobs "${BENCH_UPSTREAM_JOBS:-8}") \
    >>"$work/upstream.log" 2>&1 &
  served=$!; pids+=("$served"); wait_http "$2"
}

# http_remotes CLIENT UUID OURS_PORT THEIRS_PORT: remotes "ours" and "theirs" in CLIENT, each reaching repository UUID
# through its server's annexUrl.
http_remotes() {
  local name port
  for name in ours theirs; do
    port=$([ $name = ours ] && echo "$3" || echo "$4")
    git -C "$1" remote add "$name" "http://127.0.0.1:$port/repo.git"
    git -C "$1" config "remote.$name.annexUrl" "annex+http://127.0.0.1:$port/git-annex/"
    git -C "$1" config "remote.$name.annex-uuid" "$2"
  done
}

# proc_figures PID: "fds=N threads=N rss_mib=N hwm_mib=N" of a running process.
proc_figures() {
  local fds threads rss hwm
  fds=$(ls "/proc/$1/fd" 2>/dev/null | wc -l)
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$1/status")
  rss=$(awk '/^VmRSS:/ {printf "%d", $2/1024}' "/proc/$1/status")
  hwm=$(awk '/^VmHWM:/ {printf "%d", $2/1024}' "/proc/$1/status")
  echo "fds=$fds threads=$threads rss_mib=$rss hwm_mib=$hwm"
}

# stats SECONDS...: "min/median/max"
stats() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f/%.2f/%.2f", a[1], m, a[NR]}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.4f", m}'; }
