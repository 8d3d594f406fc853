package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.annexp2p.testkit.peers.StandInScript;
import org.annexp2p.testkit.process.Command;

/** The packaged annex-p2p tool, run as its own process the way git-annex and users run it. */
public final class AnnexP2p {
    private AnnexP2p() {}

    public static Path jar() {
        String p = System.getProperty("annexp2p.jar", "target/annex-p2p.jar");
        Path jar = Path.of(p).toAbsolutePath();
        assertThat(jar).as("the packaged tool (run the interop tests through `mvn verify`)").exists();
        return jar;
    }

    /** A launcher script for the tool, e.g. to set as {@code remote.NAME.annex-shell}. */
    public static Path launcher(Path dir) throws IOException {
        return StandInScript.write(dir.resolve("annex-p2p"),
                "#!/bin/sh\nexec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar '" + jar() + "' \"$@\"\n");
    }

    /**
     * As {@link #launcher}, for {@code git-annex-shell COMMAND DIRECTORY ...} calls: adds {@code --debug} and appends
     * what it prints on stderr, the protocol transcript among it, to {@code DIRECTORY.wire}, so a test can read what
     * went over the wire of a connection git-annex made.
     */
    public static Path wireLoggingLauncher(Path dir) throws IOException {
        return StandInScript.write(dir.resolve("annex-p2p-wire"), "#!/bin/sh\ncommand=$1; directory=$2; shift 2\n"
                + "exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar '" + jar()
                + "' \"$command\" \"$directory\" --debug \"$@\" 2>>\"$directory.wire\"\n");
    }

    /** A directory holding our {@code git-remote-tor-annex}, to put first on git's PATH. */
    public static Path remoteHelperDir(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("helper-bin"));
        StandInScript.write(bin.resolve("git-remote-tor-annex"), "#!/bin/sh\nexec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar '"
                + jar() + "' git-remote-tor-annex \"$@\"\n");
        return bin;
    }

    /** {@code ssh} stand-in, logging to {@code dir/fakessh.log}: testkit-peers' {@link StandInScript#ssh}. */
    public static Path fakeSsh(Path dir) throws IOException {
        return StandInScript.ssh(dir);
    }

    /** The packaged tool with {@code args}: {@code java} itself, never a shell around it, so signals reach the JVM. */
    public static Command command(String... args) {
        return Command.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()).args(args);
    }

    public static GitAnnex.Result run(Path dir, Map<String, String> env, String... args) throws IOException {
        return run(dir, env, java.time.Duration.ofMinutes(2), args);
    }

    public static GitAnnex.Result run(Path dir, Map<String, String> env, java.time.Duration bound, String... args)
            throws IOException {
        return GitAnnex.run(dir, env, null, bound, command(args).argv().toArray(String[]::new));
    }
}
