#!/bin/sh
# Makes bin/annex-p2p's class-data archives; run by `mvn package` (cli/pom.xml) after the jar and target/lib.
# Usage: class-data-archives.sh TARGET-DIR
#
# Each archive is written by a JVM running ClassDataTraining, which loads what the commands that start often load:
#   cds/ssh.jsa       p2pstdio, configlist and -c, which git-annex starts once per ssh connection;
#   cds/commands.jsa  everything else.
# Two, not one: the JDK maps an archive at a random address and relocates all of it at every start, and p2pstdio's
# start in one archive for everything took 1.14-1.17x the CPU it takes in its own (README, Start-up).
#
# The JDK on PATH makes them, as bin/annex-p2p runs that one: an archive serves only the JVM that made it. A failed
# training costs start-up time, never correctness, so it does not fail the build; it says so in one line.
target=$1
cds="$target/cds"
# Also removes the per-command archives, and the *.tmp files, of the launcher's old recording runs.
rm -rf "$cds"
mkdir -p "$cds/training" || exit 0
log="$cds/training.log"
failed=
for archive in ssh commands; do
  # Standard input from /dev/null: the ssh training serves p2pstdio on it, which must end at once. Its output goes
  # to the log, never to stdout, which is the protocol stream when git-annex's ssh connection made the launcher build.
  java -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$cds/training/$archive.jsa" -cp "$target/annex-p2p.jar" \
      org.annexp2p.cli.ClassDataTraining "$archive" </dev/null >>"$log" 2>&1 || failed="$failed $archive"
  if [ -s "$cds/training/$archive.jsa" ]; then
    # Renamed into place whole: a launcher starting meanwhile finds an archive or none, never part of one.
    mv -f "$cds/training/$archive.jsa" "$cds/$archive.jsa"
  else
    failed="$failed $archive"
  fi
done
rm -rf "$cds/training"
if [ -n "$failed" ] || grep -q "class-data training" "$log"; then
  echo "annex-p2p: class-data training did not go as planned (start-up may be slower); see $log" >&2
fi
exit 0
