# Sourced by the bench scripts that time a resident `annex-p2p shell-server`.
#
# private_runtime WORK: XDG_RUNTIME_DIR becomes WORK/xdg (0700), where the launcher and the server look for the
# server's socket: a server the user runs is never used by the bench, nor disturbed.
# start_resident TOOL WORK [NAME]: starts TOOL's server (TOOL a copy made by copy_tool) as a user would, with the same
# launcher, JVM options and class-data as the other rows, in $XDG_RUNTIME_DIR (a caller may give the call another),
# and waits for its socket; its stderr goes to WORK/NAME.log (NAME defaults to resident). stop_resident (for the
# script's exit trap) stops every server started.
resident_pids=()
private_runtime() {
  export XDG_RUNTIME_DIR="$1/xdg"
  mkdir -m 700 "$XDG_RUNTIME_DIR"
}
start_resident() {
  local log="$2/${3:-resident}.log"
  "$1/bin/annex-p2p" shell-server 2>>"$log" &
  resident_pids+=($!)
  for _ in $(seq 100); do [ -S "$XDG_RUNTIME_DIR/annex-p2p/shell.sock" ] && return 0; sleep 0.1; done
  echo "bench: the resident server did not start:" >&2; cat "$log" >&2; exit 1
}
stop_resident() {
  local p
  for p in "${resident_pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
}
