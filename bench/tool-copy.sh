# Sourced by the bench scripts: copy_tool CHECKOUT DEST makes DEST a private copy of CHECKOUT's built tool (the
# launcher, the jar and its libraries), so a rebuild in the checkout cannot change it under a running measurement.
# The class-data archives are made again for the copy by the checkout's own script: an archive records the path and
# date of the jar it was made with, and the JVM refuses it for any other jar. A copied archive left every start of
# the copy without one, silently (the launcher hides that warning), so starts were timed slower than users see them.
copy_tool() {
  mkdir -p "$2/bin" "$2/cli/target"
  cp "$1/bin/annex-p2p" "$2/bin/" && cp -r "$1/bin/lib" "$2/bin/" && cp -r "$1/cli/target/annex-p2p.jar" "$1/cli/target/lib" "$2/cli/target/"
  if [ -f "$1/cli/class-data-archives.sh" ]; then sh "$1/cli/class-data-archives.sh" "$2/cli/target" >&2; fi
  # -Xshare:on (-XX:AOTMode=on for a JDK 25 build's ahead-of-time cache) makes a refused archive an error instead of
  # a slower start.
  local check=
  if [ -f "$2/cli/target/cds/ssh.aot" ]; then check="-XX:AOTMode=on -XX:AOTCache=$2/cli/target/cds/ssh.aot"
  elif [ -f "$2/cli/target/cds/ssh.jsa" ]; then check="-Xshare:on -XX:SharedArchiveFile=$2/cli/target/cds/ssh.jsa"; fi
  if [ -n "$check" ] && ! java $check -jar "$2/cli/target/annex-p2p.jar" --version >/dev/null 2>&1; then
    echo "bench: the JVM refuses the class-data archive made for $2; its starts are timed without one" >&2
  fi
}
