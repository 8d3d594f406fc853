package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;
import org.annexp2p.testkit.process.RunningCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A build by a JDK with ahead-of-time caches (25 and later) and bin/annex-p2p run by it or by an older JDK: a private
 * copy of the built tool whose caches cli/class-data-archives.sh makes with that JDK on PATH (the build's way), once
 * for every case. Skipped where no such JDK is installed beside the one running the tests.
 */
class AheadOfTimeCacheIT {
    private static final String CLIENT = "00000000-0000-4000-8000-0000000c11e7";
    private static Path dir;
    private static Path aotJava;
    private static Path tool;
    private static Path repo;

    @BeforeAll
    static void buildTheCachesWithTheNewerJdk() throws IOException {
        GitAnnex.requireInstalled();
        Optional<Path> found = InstalledJdks.javaOfFeatureAtLeast(25);
        assumeTrue(found.isPresent(), "no JDK 25 or later installed in " + InstalledJdks.ROOT);
        aotJava = found.get();
        dir = Files.createTempDirectory("annex-p2p-aot");
        tool = dir.resolve("tool");
        Path target = Files.createDirectories(tool.resolve("cli/target"));
        Files.createDirectories(tool.resolve("bin"));
        Files.copy(Launcher.path(), tool.resolve("bin/annex-p2p"));
        Files.copy(AnnexP2p.jar(), target.resolve("annex-p2p.jar"));
        Path lib = Files.createDirectories(target.resolve("lib"));
        try (Stream<Path> jars = Files.list(AnnexP2p.jar().resolveSibling("lib"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, lib.resolve(jar.getFileName().toString()));
            }
        }
        Finished made = Command.of("sh", Path.of("class-data-archives.sh").toAbsolutePath().toString(), target.toString())
                .env("PATH", withJavaFirst(aotJava)).run(Duration.ofMinutes(5));
        assertThat(made.exit()).as("class-data-archives.sh; stderr: %s", made.err()).isZero();
        repo = GitAnnex.initRepo(dir.resolve("repo"), "aot");
    }

    @AfterAll
    static void removeTheCopy() throws IOException {
        if (dir != null) {
            Command.of("rm", "-rf", dir.toString()).run(Duration.ofMinutes(1));
        }
    }

    @Test
    void thatJdkMakesAheadOfTimeCachesAndLinksItsJava() throws IOException {
        Path cds = tool.resolve("cli/target/cds");
        try (Stream<Path> files = Files.list(cds)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("ssh.aot", "commands.aot", "wormhole.aot", "java", "jdk", "training.log");
        }
        assertThat(cds.resolve("ssh.aot")).isNotEmptyFile();
        assertThat(cds.resolve("commands.aot")).isNotEmptyFile();
        assertThat(Files.isSameFile(cds.resolve("java"), aotJava)).as("cds/java is the JDK that made the caches").isTrue();
        assertThat(Files.readString(cds.resolve("training.log"))).doesNotContain("class-data training");
    }

    @Test
    void p2pstdioRunByThatJdkMapsTheSshCacheAndSaysNothingElse() throws Exception {
        try (RunningCommand p = p2pstdio(aotJava).talking().start();
                BufferedReader out = new BufferedReader(new InputStreamReader(p.output(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("AUTH-SUCCESS " + GitAnnex.uuid(repo));
            assertThat(Launcher.mappedFiles(p.pid())).as("its mappings")
                    .contains(tool.resolve("cli/target/cds/ssh.aot").toString())
                    .doesNotContain("commands.aot");
            p.closeInput();
            assertThat(p.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(p.err()).isEmpty();
        }
    }

    @Test
    void anOlderJdkIsNotHandedTheCacheAndStartsWithoutIt() throws IOException {
        Optional<Path> older = InstalledJdks.javaOfFeatureBelow(24);
        assumeTrue(older.isPresent(), "no JDK before 24 installed");
        Finished r = p2pstdio(older.get()).stdin(new byte[0]).run(Duration.ofMinutes(2));
        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
        assertThat(r.out()).isEqualTo("AUTH-SUCCESS " + GitAnnex.uuid(repo) + "\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aDamagedCacheIsRefusedQuietly() throws IOException {
        Path cache = tool.resolve("cli/target/cds/ssh.aot");
        Path aside = dir.resolve("ssh.aot.good");
        Files.move(cache, aside);
        try {
            // Newer than the jar and the JDK, so the launcher hands it to the JVM.
            Files.write(cache, new byte[4096]);
            Finished r = p2pstdio(aotJava).stdin(new byte[0]).run(Duration.ofMinutes(2));
            assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
            assertThat(r.out()).isEqualTo("AUTH-SUCCESS " + GitAnnex.uuid(repo) + "\n");
            assertThat(r.err()).isEmpty();
        } finally {
            Files.move(aside, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Command p2pstdio(Path java) {
        return Command.of(tool.resolve("bin/annex-p2p").toString(), "p2pstdio", repo.toString(), CLIENT)
                .env(Map.of("PATH", withJavaFirst(java)));
    }

    private static String withJavaFirst(Path java) {
        return java.getParent() + ":" + System.getenv("PATH");
    }
}
