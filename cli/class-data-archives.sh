#!/bin/sh
# Makes bin/annex-p2p's class-data archives; run by `mvn package` (cli/pom.xml) after the jar and target/lib.
# Usage: class-data-archives.sh TARGET-DIR
#
# Each archive is written by a JVM running ClassDataTraining, which loads what the commands that start often load:
#   cds/ssh.*       p2pstdio, configlist and -c, which git-annex starts once per ssh connection;
#   cds/wormhole.*  wormhole send and receive: a file and a text (a mailbox on a loopback WebSocket inside the training
#                   JVM, direct transit on this machine: the build needs no network, no python and no mailbox server);
#   cds/commands.*  everything else: every command's model, the client commands against a TCP server.
# Three, not one: the JDK maps an archive at a random address and relocates all of it at every start, and p2pstdio's
# start in one archive for everything took 1.14-1.17x the CPU it takes in its own; the wormhole's classes, in the
# commands archive, doubled it and made the other commands start slower (docs/performance.md, Start-up).
#
# The kind is the best the JDK on PATH makes, as bin/annex-p2p runs that one: a JDK with -XX:AOTCacheOutput (25 and
# later) writes an ahead-of-time cache (*.aot: classes loaded and linked, method profiles), an older one a static
# class-data archive (*.jsa) of the classes the training loaded. cds/java links to that JDK's java: an archive serves
# only the JVM that made it, and a JDK before 24 does not start at all when handed an AOT cache, so the launcher
# passes a *.aot only to that java.
# A failed training costs start-up time, never correctness, so it does not fail the build; it says so in one line.
target=$1
cds="$target/cds"
# Also removes the per-command archives, and the *.tmp files, of the launcher's old recording runs.
rm -rf "$cds"
mkdir -p "$cds/training" || exit 0
log="$cds/training.log"
failed=
if java -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
  kind=aot
else
  kind=jsa
fi
for archive in ssh commands wormhole; do
  made="$cds/training/$archive.$kind"
  # A class-data archive is a static one, dumped from the list of classes the training loaded: a dynamic archive
  # (-XX:ArchiveClassesAtExit) cannot hold class files older than Java 6, which picocli's are, so every command
  # read and verified them from the jar at each start.
  if [ "$kind" = aot ]; then record="-XX:AOTCacheOutput=$made"; else record="-XX:DumpLoadedClassList=$made.classes"; fi
  # Standard input from /dev/null: the ssh training serves p2pstdio on it, which must end at once. Its output goes
  # to the log, never to stdout, which is the protocol stream when git-annex's ssh connection made the launcher build.
  java -XX:+UseSerialGC "$record" -cp "$target/annex-p2p.jar" \
      org.annexp2p.cli.ClassDataTraining "$archive" </dev/null >>"$log" 2>&1 || failed="$failed $archive"
  if [ "$kind" = jsa ] && [ -s "$made.classes" ]; then
    # The same class path as the launcher's -jar, or the JVM refuses the archive.
    java -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$made.classes" -XX:SharedArchiveFile="$made" \
        -cp "$target/annex-p2p.jar" </dev/null >>"$log" 2>&1 || failed="$failed $archive"
  fi
  if [ -s "$made" ]; then
    # Renamed into place whole: a launcher starting meanwhile finds an archive or none, never part of one.
    mv -f "$made" "$cds/$archive.$kind"
  else
    failed="$failed $archive"
  fi
done
rm -rf "$cds/training"
# The java binary itself, not the name on PATH: switching JDKs (update-alternatives) moves that name, not this link.
java_real=$(readlink -f "$(command -v java)")
ln -s "$java_real" "$cds/java" || failed="$failed java"
# Its home and the exact version it reports in its release file: an update in place keeps the binary's path, and a
# package gives it its build date, which can be older than these archives, so the launcher compares the version
# (a JVM handed another version's archive refuses it, and a static archive refused means no class-data at all).
home=${java_real%/bin/java}
version=$(grep '^JAVA_RUNTIME_VERSION=' "$home/release" 2>/dev/null)
if [ -n "$version" ]; then printf '%s\n%s\n' "$home" "$version" > "$cds/jdk"; else failed="$failed jdk-version"; fi
if [ -n "$failed" ] || grep -q "class-data training" "$log"; then
  echo "annex-p2p: class-data training did not go as planned (start-up may be slower); see $log" >&2
fi
exit 0
