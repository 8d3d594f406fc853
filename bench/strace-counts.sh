# Sourced by the bench scripts that count a server's system calls (`strace -f -c -w` output files).
# strace_header: the table's heading; strace_row NAME FILE: one run's counts (execve, clones, fsync, fdatasync,
# renames, all calls) and its seconds in fsync and fdatasync.
strace_header() {
  printf '%-22s %8s %8s %8s %8s %8s %8s %8s\n' "run" "execve" "clone" "fsync" "fdatasync" "rename" "total" "fsync s"
}
strace_row() {
  # strace -c's columns: % time, seconds, usecs/call, calls, [errors,] syscall.
  calls() { awk -v s="$1" '$NF == s { n = $4 } END { print n + 0 }' "$2"; }
  printf '%-22s %8s %8s %8s %8s %8s %8s %8s\n' "$1" "$(calls execve "$2")" \
    "$(( $(calls clone "$2") + $(calls clone3 "$2") + $(calls vfork "$2") ))" "$(calls fsync "$2")" \
    "$(calls fdatasync "$2")" "$(( $(calls rename "$2") + $(calls renameat "$2") + $(calls renameat2 "$2") ))" \
    "$(calls total "$2")" "$(awk '$NF == "fsync" || $NF == "fdatasync" { s += $2 } END { printf "%.2f", s }' "$2")"
}
