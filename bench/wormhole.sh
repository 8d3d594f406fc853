#!/usr/bin/env bash
# Magic Wormhole file transfer, ours against python `wormhole` 0.12, side by side in one run.
#
#   bench/wormhole.sh                 200 MiB, best of 3, direct and through the relay
#   bench/wormhole.sh --quick         32 MiB, best of 2
#   bench/wormhole.sh --mib N --reps N --route direct|relay|both
#   bench/wormhole.sh --before DIR    also times the build in another checkout DIR (its cli/target) as three more
#                                     pairs, before->before, before->python and python->before, in the same rounds: a
#                                     change's before and after side by side, mixed pairs included
#   bench/wormhole.sh --warm N        then N more rounds, direct, each python->python against ours->ours in ONE JVM
#                                     that stays up (bench/WarmWormhole.java): no start-up and, after a few rounds,
#                                     nothing left to compile. The floor of a Java transfer, not what a user runs.
#
# A local mailbox server and transit relay (twist3, as the wormhole ITs start them) on free loopback ports. Each
# timed run starts sender and receiver at once with a preset code and ends when both have exited: JVM and Python
# start-up, the key exchange, the transfer, the receiver's hash and the acknowledgement are all inside. Rounds
# alternate the four pairs (python->python, ours->ours, ours->python, python->ours) so drift in the load of this
# shared machine falls on all of them; each keeps its best round. "relay" gives both sides --no-listen, so the
# bytes go through the transit relay; "direct" lets them listen on loopback (the relay stays a fallback).
# Not part of `mvn verify`: its numbers are not asserts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
size_mib=200 reps=3 routes="direct relay" before= warm=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) size_mib=32 reps=2 ;;
    --mib) size_mib=$2; shift ;;
    --reps) reps=$2; shift ;;
    --route) case "$2" in both) routes="direct relay" ;; direct|relay) routes=$2 ;; *) exit 2 ;; esac; shift ;;
    --warm) warm=$2; shift ;;
    --before) before=$(cd "$2" && pwd); shift
      [ -f "$before/cli/target/annex-p2p.jar" ] || { echo "bench: no build in $before/cli/target" >&2; exit 1; } ;;
    *) echo "usage: bench/wormhole.sh [--quick] [--mib N] [--reps N] [--route direct|relay|both] [--before DIR] [--warm N]" >&2; exit 2 ;;
  esac
  shift
done

missing=()
for p in java javac mvn wormhole twist3 python3 bc; do command -v "$p" >/dev/null || missing+=("$p"); done
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (Debian package: time)")
if [ ${#missing[@]} -gt 0 ]; then echo "bench: missing: ${missing[*]}" >&2; exit 1; fi

built="$root/cli/target/annex-p2p.jar"
if [ ! -f "$built" ]; then (cd "$root" && mvn -B -q -ntp -DskipTests -pl cli -am package) >&2; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/annex-p2p-wormhole-bench.XXXXXX")
. "$root/bench/tool-copy.sh"
copy_tool "$root" "$work/tool"
launcher="$work/tool/bin/annex-p2p"
if [ -n "$before" ]; then copy_tool "$before" "$work/before"; fi
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mport=$(free_port); rport=$(free_port)
twist3 --log-format=text --log-file="$work/mailbox.log" wormhole-mailbox --port="tcp:$mport:interface=127.0.0.1" \
  --channel-db="$work/relay.sqlite" >/dev/null 2>&1 &
pids+=($!)
twist3 --log-format=text --log-file="$work/transit.log" transitrelay --port="tcp:$rport:interface=127.0.0.1" >/dev/null 2>&1 &
pids+=($!)
for port in "$mport" "$rport"; do
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done
servers=(--relay-url "ws://127.0.0.1:$mport/v1" --transit-helper "tcp:127.0.0.1:$rport")

echo "preparing a ${size_mib} MiB file..." >&2
payload="$work/payload.bin"
head -c "$((size_mib << 20))" /dev/urandom > "$payload"
sum=$(sha256sum "$payload" | cut -d' ' -f1)
side() { # side IMPL: the command that runs one side
  case "$1" in
    python) echo wormhole ;;
    ours) echo "$launcher wormhole" ;;
    before) echo "$work/before/bin/annex-p2p wormhole" ;;
  esac
}
n=0
now() { date +%s.%N; }
# one SENDER RECEIVER ROUTE: seconds for one transfer, both processes started at once; fails on a wrong result.
# Also sets cpu[SENDER:RECEIVER ROUTE] to the CPU seconds (user + system) of the sender and of the receiver.
one() {
  local listen=() code out t0 t1 s r
  [ "$3" = relay ] && listen=(--no-listen)
  n=$((n + 1)); code="$((n + 100))-bench-wormhole"; out="$work/out-$n.bin"
  sync
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$work/send.cpu" $(side "$1") "${servers[@]}" send "${listen[@]}" --hide-progress --code "$code" "$payload" </dev/null >"$work/send.log" 2>&1 &
  s=$!
  /usr/bin/time -f "%U %S" -o "$work/receive.cpu" $(side "$2") "${servers[@]}" receive "${listen[@]}" --hide-progress --accept-file -o "$out" "$code" </dev/null \
    >"$work/receive.log" 2>&1 || { echo "bench: $1->$2 ($3): receiver failed" >&2; cat "$work/receive.log" >&2; return 1; }
  wait "$s" || { echo "bench: $1->$2 ($3): sender failed" >&2; cat "$work/send.log" >&2; return 1; }
  t1=$(now)
  [ "$(sha256sum "$out" | cut -d' ' -f1)" = "$sum" ] || { echo "bench: $1->$2 ($3): wrong bytes" >&2; return 1; }
  r=$(grep -o 'via [a-z]*' "$work/send.log" "$work/receive.log" | head -1 || true)
  [ -n "$r" ] && echo "$1->$2 $3: $(echo "$t1 - $t0" | bc -l) s ($r)" >>"$work/runs.log"
  rm -f "$out"
  cpu["$1:$2 $3"]=$(cat "$work/send.cpu" "$work/receive.cpu" | tr '\n' ' ' | awk '{printf "%.2f %.2f", $1 + $2, $3 + $4}')
  echo "$t1 - $t0" | bc -l
}
declare -A best cpu best_cpu
pairs="python:python ours:ours ours:python python:ours"
if [ -n "$before" ]; then pairs="$pairs before:before before:python python:before"; fi
echo "warming the page cache and the launcher's archives (one untimed transfer)..." >&2
one ours ours relay >"$work/seconds"
if [ -n "$before" ]; then one before before relay >"$work/seconds"; fi
for _ in $(seq "$reps"); do
  for route in $routes; do
    for pair in $pairs; do
      # Not in $(...): one() records the CPU seconds of both sides in cpu[], which a subshell would lose.
      one "${pair%%:*}" "${pair##*:}" "$route" >"$work/seconds" || exit 1
      s=$(cat "$work/seconds")
      key="$route $pair"
      if [ -z "${best[$key]:-}" ] || [ "$(echo "$s < ${best[$key]}" | bc -l)" = 1 ]; then
        best[$key]=$s
        best_cpu[$key]=${cpu["$pair $route"]}
      fi
    done
  done
done
printf '%s MiB, best of %s, start-up included; ratio = python->python time / this pair'"'"'s time (higher is faster);\n' "$size_mib" "$reps"
echo "CPU = seconds of CPU (user + system) of that best run's sender and receiver: less noisy than the time"
for route in $routes; do
  base=${best[$route python:python]}
  for pair in $pairs; do
    t=${best[$route $pair]}
    read -r sender receiver <<<"${best_cpu[$route $pair]}"
    printf '%-7s %-16s %6.2f s  %7.1f MiB/s  %5.2fx   CPU sender %5.2f s, receiver %5.2f s\n' "$route" "${pair/:/->}" "$t" \
      "$(echo "$size_mib / $t" | bc -l)" "$(echo "$base / $t" | bc -l)" "$sender" "$receiver"
  done
done
[ -z "$before" ] || echo "before = the build in $before"

[ "$warm" -gt 0 ] || exit 0
# The warm floor: ours->ours in one JVM that stays up, alternating with python->python (processes, as above).
javac -d "$work/warm" -cp "$work/tool/cli/target/annex-p2p.jar" "$here/WarmWormhole.java"
coproc WARM { exec java -XX:+UseSerialGC -cp "$work/warm:$work/tool/cli/target/annex-p2p.jar" WarmWormhole \
  "${servers[1]}" "${servers[3]}" "$payload" 2>&1; }
pids+=("$WARM_PID")
warm_round() { # prints "WALL CPU" of one warm round, or fails
  local line out="$work/warm-out.bin"
  n=$((n + 1))
  echo "$((n + 100))-bench-warm $out" >&"${WARM[1]}"
  while IFS= read -r -t 120 line <&"${WARM[0]}"; do
    case "$line" in
      "warm-round: failed") echo "bench: warm ours->ours failed" >&2; return 1 ;;
      "warm-round: "*) [ "$(sha256sum "$out" | cut -d' ' -f1)" = "$sum" ] || { echo "bench: warm: wrong bytes" >&2; return 1; }
        rm -f "$out"; echo "${line#warm-round: }"; return 0 ;;
    esac
  done
  echo "bench: the warm JVM stopped answering" >&2; return 1
}
echo
echo "warm floor: ${warm} rounds, direct; ours->ours in one JVM that stays up (CPU = both sides), python->python as above"
for i in $(seq "$warm"); do
  one python python direct >"$work/seconds" || exit 1
  p=$(cat "$work/seconds"); read -r ps pr <<<"${cpu["python:python direct"]}"
  # Not in $(...): warm_round counts codes in n, which a subshell would lose.
  warm_round >"$work/warm.seconds" || exit 1
  read -r w c <"$work/warm.seconds"
  printf 'round %2d  python->python %5.2f s (CPU both sides %5.2f s)   warm ours->ours %5.2f s (CPU both sides %5.2f s)   %5.2fx\n' \
    "$i" "$p" "$(echo "$ps + $pr" | bc -l)" "$w" "$c" "$(echo "$p / $w" | bc -l)"
done
