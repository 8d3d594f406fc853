package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/annex-p2p as git-annex runs it for an ssh remote. The build leaves its class-data archives beside the jar;
 * p2pstdio runs in its own one, and whether it has it, has none, or finds it damaged, stdout carries nothing but the
 * protocol (JVM messages would corrupt it) and the process git-annex started is the JVM.
 */
class LauncherIT {
    private static final String CLIENT = "00000000-0000-4000-8000-0000000c11e7";

    @TempDir
    Path dir;

    @BeforeAll
    static void requireGitAnnex() {
        GitAnnex.requireInstalled();
    }

    @Test
    void theBuildLeavesAnArchiveForTheSshCommandsOneForTheWormholeAndOneForTheRestNewerThanTheJar() throws IOException {
        FileTime jar = Files.getLastModifiedTime(AnnexP2p.jar());
        for (String name : List.of("ssh.jsa", "commands.jsa", "wormhole.jsa")) {
            Path archive = Launcher.archives().resolve(name);
            assertThat(archive).as("made by the build (see %s)", Launcher.archives().resolve("training.log")).isNotEmptyFile();
            assertThat(Files.getLastModifiedTime(archive)).as("%s is newer than the jar", name).isGreaterThan(jar);
        }
        try (Stream<Path> files = Files.list(Launcher.archives())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("nothing else: no per-command archive of the old scheme, no temporary file")
                    .containsExactlyInAnyOrder("ssh.jsa", "commands.jsa", "wormhole.jsa", "java", "jdk", "training.log");
        }
        Path pathJava = Path.of(Command.of("sh", "-c", "command -v java").run(Duration.ofMinutes(1)).out().strip());
        assertThat(Files.isSameFile(Launcher.archives().resolve("java"), pathJava))
                .as("cds/java is the java on PATH that made the archives").isTrue();
        assertThat(Files.readString(Launcher.archives().resolve("training.log")))
                .as("the training's log: every step went through").doesNotContain("class-data training");
    }

    @Test
    void theWormholeCommandsRunInTheWormholeArchive() throws Exception {
        // receive with no code on its command line reads one from its input before it dials anything: it waits there.
        try (RunningCommand p = Command.of(Launcher.path().toString(), "wormhole", "receive").typing().start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Launcher.mappedFiles(p.pid()).contains(Launcher.archives().resolve("wormhole.jsa").toString())
                    && p.alive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Launcher.mappedFiles(p.pid())).as("its mappings")
                    .contains(Launcher.archives().resolve("wormhole.jsa").toString())
                    .doesNotContain(Launcher.archives().resolve("commands.jsa").toString());
            assertThat(Launcher.commandLine(p.pid())).as("the JIT compiles only what is hot, not the start's code")
                    .contains(" -XX:CompileThresholdScaling=4 ")
                    .contains(" -XX:CompileCommand=CompileThresholdScaling,org.annexp2p.wormhole.crypto.*::*,0.25 ");
            p.closeInput();
            assertThat(p.awaitExit(Duration.ofSeconds(60))).as("no code given").isNotZero();
            assertThat(p.out()).as("the JVM said nothing on stdout of the compile command").doesNotContain("CompileCommand");
        }
    }

    @Test
    void p2pstdioIsTheJvmItselfRunningInTheSshArchive() throws Exception {
        Path repo = GitAnnex.initRepo(dir.resolve("r"), "launcher");
        try (RunningCommand p = Command.of(Launcher.path().toString(), "p2pstdio", repo.toString(), CLIENT).talking().start();
                BufferedReader out = new BufferedReader(new InputStreamReader(p.output(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("AUTH-SUCCESS " + GitAnnex.uuid(repo));
            // It waits for the client's next line now: look at it while it runs.
            assertThat(Launcher.commandLine(p.pid())).as("git-annex's child is the JVM (exec'd)").startsWith("java ");
            assertThat(Launcher.commandLine(p.pid())).as("C2 compiles later in a connection's JVM")
                    .contains(" -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000"
                            + " -XX:Tier4CompileThreshold=150000 ");
            assertThat(Launcher.mappedFiles(p.pid())).as("its mappings")
                    .contains(Launcher.archives().resolve("ssh.jsa").toString())
                    .doesNotContain(Launcher.archives().resolve("commands.jsa").toString());
            p.closeInput();
            assertThat(p.awaitExit(Duration.ofSeconds(60))).as("p2pstdio ends when the client hangs up, with exit code 0")
                    .isZero();
            assertThat(p.err()).isEmpty();
        }
    }

    @Test
    void anSshSessionLoadsNoPicocliClass() throws Exception {
        // picocli's class files are too old for a class-data archive: each one loaded is read and verified again at
        // every ssh connection's start, which is what git-annex waits for.
        Path repo = GitAnnex.initRepo(dir.resolve("r"), "launcher");
        Path loaded = dir.resolve("classes.log");
        byte[] session = ("VERSION 1\nCHECKPRESENT SHA256E-s1--" + "0".repeat(64) + "\n").getBytes(StandardCharsets.UTF_8);
        GitAnnex.Result r = GitAnnex.run(dir, Map.of(), session, "java", "-Xlog:class+load=info:file=" + loaded, "-jar",
                AnnexP2p.jar().toString(), "p2pstdio", repo.toString(), CLIENT);
        assertThat(r.out()).as("stderr: %s", r.err()).isEqualTo("AUTH-SUCCESS " + GitAnnex.uuid(repo) + "\nVERSION 1\nFAILURE\n");
        assertThat(Files.readAllLines(loaded)).as("the classes the session loaded")
                .anyMatch(line -> line.contains(" org.annexp2p.shell."))
                .noneMatch(line -> line.contains(" picocli."));
    }

    @Test
    void aCopyToSessionTakesEveryClassOfOursFromTheSshArchiveAndBuildsNoRecordMethods() throws Exception {
        // git-annex's copy --to asks CHECKPRESENT (FAILURE here), then PUTs. A class of ours missing from the archive
        // is read from the jar and verified at every connection; a record's generated equals or hashCode spins
        // method-handle classes at its first call, at every start (no archive of this JDK keeps them).
        Path repo = GitAnnex.initRepo(dir.resolve("r"), "launcher");
        byte[] content = "four".getBytes(StandardCharsets.US_ASCII);
        String key = "SHA256E-s4--" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(content)) + ".bin";
        java.io.ByteArrayOutputStream session = new java.io.ByteArrayOutputStream();
        session.writeBytes(("VERSION 1\nCHECKPRESENT " + key + "\nPUT f.bin " + key + "\nDATA 4\n")
                .getBytes(StandardCharsets.US_ASCII));
        session.writeBytes(content);
        session.writeBytes("VALID\n".getBytes(StandardCharsets.US_ASCII));
        Path loaded = dir.resolve("classes.log");
        // -Xshare:on: the JVM refuses to start rather than run without the archive.
        GitAnnex.Result r = GitAnnex.run(dir, Map.of(), session.toByteArray(), "java", "-XX:+UseSerialGC", "-Xshare:on",
                "-XX:SharedArchiveFile=" + Launcher.archives().resolve("ssh.jsa"), "-Xlog:class+load=info:file=" + loaded,
                "-jar", AnnexP2p.jar().toString(), "p2pstdio", repo.toString(), CLIENT);
        assertThat(r.out()).as("stderr: %s", r.err())
                .isEqualTo("AUTH-SUCCESS " + GitAnnex.uuid(repo) + "\nVERSION 1\nFAILURE\nPUT-FROM 0\nSUCCESS\n");
        assertThat(Files.readAllLines(loaded)).as("the classes the session loaded")
                .anyMatch(line -> line.contains(" org.annexp2p.repository.TransferImpl source: shared objects file"))
                .noneMatch(line -> line.contains(" org.annexp2p.") && !line.endsWith("source: shared objects file"))
                .noneMatch(line -> line.contains(" java.lang.runtime.ObjectMethods "));
    }

    @Test
    void archivesOfAnotherVersionOfTheSameJdkAreNotHandedToIt() throws Exception {
        // An update in place keeps the JDK's path, and a package may date its binary older than the archives.
        Path jdk = Launcher.archives().resolve("jdk");
        List<String> recorded = Files.readAllLines(jdk);
        assertThat(recorded).as("the JDK's home and version, as the build recorded them").hasSize(2);
        assertThat(recorded.get(1)).startsWith("JAVA_RUNTIME_VERSION=");
        Path repo = GitAnnex.initRepo(dir.resolve("r"), "launcher");
        try {
            Files.write(jdk, List.of(recorded.get(0), "JAVA_RUNTIME_VERSION=\"17.0.0+0-older\""));
            try (RunningCommand p = Command.of(Launcher.path().toString(), "p2pstdio", repo.toString(), CLIENT).talking().start();
                    BufferedReader out = new BufferedReader(new InputStreamReader(p.output(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("AUTH-SUCCESS " + GitAnnex.uuid(repo));
                assertThat(Launcher.mappedFiles(p.pid())).as("its mappings")
                        .doesNotContain(Launcher.archives().resolve("ssh.jsa").toString());
                p.closeInput();
                assertThat(p.awaitExit(Duration.ofSeconds(60))).as("exit code; stderr: %s", p.err()).isZero();
                assertThat(p.err()).isEmpty();
            }
        } finally {
            Files.write(jdk, recorded);
        }
    }

    @Test
    void stdoutIsOnlyTheProtocolWithoutArchivesOrWithADamagedOne() throws Exception {
        Path repo = GitAnnex.initRepo(dir.resolve("r"), "launcher");
        String expected = "AUTH-SUCCESS " + GitAnnex.uuid(repo) + "\n";
        try (AutoCloseable none = Launcher.withoutArchives(dir.resolve("archives"))) {
            GitAnnex.Result without = p2pstdio(repo, Map.of());
            assertThat(without.out()).isEqualTo(expected);
            assertThat(without.err()).isEmpty();
            assertThat(Launcher.archives().resolve("ssh.jsa")).as("no run makes an archive").doesNotExist();

            // Newer than the jar and the JDK, so the launcher hands it to the JVM, which must refuse it quietly.
            Files.write(Launcher.archives().resolve("ssh.jsa"), new byte[4096]);
            GitAnnex.Result damaged = p2pstdio(repo, Map.of());
            assertThat(damaged.out()).as("a damaged archive is ignored, quietly").isEqualTo(expected);
            assertThat(damaged.err()).isEmpty();
            Files.delete(Launcher.archives().resolve("ssh.jsa"));
        }
    }

    @Test
    void annexP2pCdsOffRunsWithoutTheArchive() throws Exception {
        Path repo = GitAnnex.initRepo(dir.resolve("r"), "launcher");
        try (RunningCommand p = Command.of(Launcher.path().toString(), "p2pstdio", repo.toString(), CLIENT)
                        .env("ANNEX_P2P_CDS", "off").talking().start();
                BufferedReader out = new BufferedReader(new InputStreamReader(p.output(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).startsWith("AUTH-SUCCESS ");
            assertThat(Launcher.mappedFiles(p.pid())).as("its mappings")
                    .doesNotContain(Launcher.archives().resolve("ssh.jsa").toString());
            p.closeInput();
            assertThat(p.awaitExit(Duration.ofSeconds(60))).as("exit code; stderr: %s", p.err()).isZero();
        }
    }

    private GitAnnex.Result p2pstdio(Path repo, Map<String, String> env) throws IOException {
        GitAnnex.Result r = GitAnnex.run(dir, env, new byte[0], Launcher.path().toString(), "p2pstdio", repo.toString(), CLIENT);
        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
        return r;
    }
}
