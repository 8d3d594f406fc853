package org.annexp2p.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.annexp2p.protocol.key.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session's environment, given whole, is what a repository's git runs in and what reads its config. */
class GitEnvironmentTest {
    static final String OTHER_UUID = "0f6a7c3e-1b2d-4e5f-8a9b-0c1d2e3f4a5b";

    @TempDir
    Path tmp;

    /** A {@code git} that writes its arguments, directory and environment to $SEEN and succeeds. */
    private Path fakeGit(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path git = dir.resolve("git");
        Files.writeString(git, "#!/bin/sh\n{ echo \"args $*\"; echo \"cwd $(pwd)\"; /usr/bin/env; } > \"$SEEN\"\n");
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwx------"));
        return git;
    }

    @Test
    void aSessionsGitIsFoundOnItsPathAndGetsExactlyItsEnvironmentInItsDirectory() throws IOException {
        Path bin = tmp.resolve("bin");
        fakeGit(bin);
        Path seen = tmp.resolve("seen");
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Map<String, String> env = Map.of("PATH", bin.toString(), "SEEN", seen.toString(), "SESSION_MARK", "of the session",
                "GIT_DIR", "/elsewhere", "GIT_WORK_TREE", "/elsewhere");
        GitProcess.Result r = new GitProcess(tmp.resolve("repo/.git"), GitEnvironment.of(env, cwd)).run(new byte[0], "version");

        assertThat(r.exitCode()).isZero();
        List<String> lines = Files.readAllLines(seen);
        assertThat(lines).contains("args --git-dir=" + tmp.resolve("repo/.git") + " version", "cwd " + cwd,
                "SESSION_MARK=of the session", "PATH=" + bin);
        // Nothing of this process's environment, and no variable that would point git at another repository.
        List<String> names = lines.stream().filter(l -> l.contains("=") && !l.startsWith("args ") && !l.startsWith("cwd "))
                .map(l -> l.substring(0, l.indexOf('='))).toList();
        // (the shell of the fake git sets PWD itself)
        assertThat(names.stream().filter(n -> !n.equals("PWD"))).containsExactlyInAnyOrder("SEEN", "SESSION_MARK", "PATH");
    }

    @Test
    void aSessionWithoutGitOnItsPathDoesNotFallBackOnThisProcesss() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        GitProcess none = new GitProcess(tmp.resolve("repo/.git"), GitEnvironment.of(Map.of("PATH", empty.toString()), tmp));
        assertThatThrownBy(() -> none.run(new byte[0], "version")).isInstanceOf(IOException.class)
                .hasMessage("cannot run git (is it installed and on PATH?): no git on the session's PATH");
        // This process's own environment finds the real git, as it always did.
        assertThat(new GitProcess(tmp.resolve("repo/.git")).run(new byte[0], "version").out()).startsWith("git version ");
    }

    @Test
    void anEmptyPathEntryIsTheSessionsDirectoryAndAnUnsetPathIsExecvpsDefault() throws IOException {
        Path git = fakeGit(tmp.resolve("dir"));
        assertThat(GitEnvironment.of(Map.of("PATH", "/nonexistent::"), tmp.resolve("dir")).find("git")).contains(git);
        assertThat(GitEnvironment.of(Map.of("PATH", "bin"), tmp).find("git")).isEmpty();
        assertThat(GitEnvironment.of(Map.of("PATH", "dir"), tmp).find("git")).contains(git);
        assertThat(GitEnvironment.of(Map.of(), tmp).find("sh")).hasValueSatisfying(
                sh -> assertThat(List.of(Path.of("/bin/sh"), Path.of("/usr/bin/sh"))).contains(sh));
    }

    @Test
    void aNonExecutableFileOnThePathIsNotTheProgram() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("git"), "not a program");
        Path later = fakeGit(tmp.resolve("later"));
        assertThat(GitEnvironment.of(Map.of("PATH", bin + ":" + later.getParent()), tmp).find("git")).contains(later);
    }

    @Test
    void aSessionsGitConfigVariablesDecideTheUuid() throws IOException {
        AnnexRepository created = AnnexRepository.create(tmp.resolve("r"));
        Map<String, String> session = new HashMap<>(System.getenv());
        session.put("GIT_CONFIG_COUNT", "1");
        session.put("GIT_CONFIG_KEY_0", "annex.uuid");
        session.put("GIT_CONFIG_VALUE_0", OTHER_UUID);
        Caller caller = new Caller(GitEnvironment.of(session, tmp), w -> { });

        assertThat(AnnexRepository.open(tmp.resolve("r"), caller).uuid().value()).isEqualTo(OTHER_UUID);
        assertThat(AnnexRepository.open(tmp.resolve("r")).uuid()).isEqualTo(created.uuid());
    }

    @Test
    void aSavedAnswerIsNotUsedForASessionWithAnotherHome() throws IOException {
        AnnexRepository.create(tmp.resolve("r"));
        // Answers are saved in a repository git-annex has used.
        Files.createDirectories(tmp.resolve("r/.git/annex"));
        Path ourHome = Files.createDirectories(tmp.resolve("our-home"));
        Map<String, String> ours = new HashMap<>(System.getenv());
        ours.keySet().removeIf(k -> k.startsWith("GIT_CONFIG") || k.equals("XDG_CONFIG_HOME"));
        ours.put("HOME", ourHome.toString());
        // Saved in one environment...
        assertThat(AnnexRepository.open(tmp.resolve("r"), new Caller(GitEnvironment.of(ours, tmp), w -> { })).uuid())
                .isNotNull();
        assertThat(tmp.resolve("r/.git/annex/annex-p2p-config")).exists();
        // ...not the answer for a session whose global config says otherwise.
        Path otherHome = Files.createDirectories(tmp.resolve("other-home"));
        Files.writeString(otherHome.resolve(".gitconfig"), "[annex \"tune\"]\n\tobjecthash1 = true\n");
        Map<String, String> other = new HashMap<>(ours);
        other.put("HOME", otherHome.toString());
        assertThatThrownBy(() -> AnnexRepository.open(tmp.resolve("r"), new Caller(GitEnvironment.of(other, tmp), w -> { })))
                .isInstanceOf(IOException.class).hasMessageContaining("uses annex.tune.objecthash1");
    }

    @Test
    void aRefusedKeysWarningGoesToItsCaller() throws IOException {
        AnnexRepository.create(tmp.resolve("r"));
        List<String> warnings = new ArrayList<>();
        AnnexRepository repo = AnnexRepository.open(tmp.resolve("r"),
                new Caller(GitEnvironment.of(System.getenv(), tmp), warnings::add));
        Key key = Key.of("WORM", 1, "x".repeat(300));

        assertThat(repo.locate(key).isEmpty()).isTrue();
        assertThat(warnings).singleElement().asString().startsWith("refusing key ");
    }

    @Test
    void thisProcesssWarningsGoToItsLogAsBefore() throws IOException {
        AnnexRepository.create(tmp.resolve("r"));
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(AnnexRepository.class.getName());
        List<String> logged = new ArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            AnnexRepository.open(tmp.resolve("r")).locate(Key.of("WORM", 1, "x".repeat(300)));
        } finally {
            log.removeHandler(handler);
        }
        assertThat(logged).singleElement().asString().startsWith("WARNING refusing key ");
    }

    @Test
    void aSessionsEnvironmentIsNotShownInItsText() {
        GitEnvironment env = GitEnvironment.of(Map.of("TOKEN", "s3cr3t-value"), tmp);
        assertThat(env.toString()).doesNotContain("s3cr3t-value").contains("1 variables");
    }

    @Test
    void sessionsThatDifferOnlyInWhatTellsConnectionsApartShareOneEnvironmentForGit() {
        GitEnvironment.Given a = GitEnvironment.of(Map.of("HOME", "/home/a", "GIT_CONFIG_COUNT", "0",
                "SSH_CLIENT", "192.0.2.1 50000 22", "SSH_CONNECTION", "192.0.2.1 50000 192.0.2.9 22",
                "XDG_SESSION_ID", "41", "SSH_ORIGINAL_COMMAND", "git-annex-shell 'p2pstdio' '/r'"), tmp);
        GitEnvironment.Given b = GitEnvironment.of(Map.of("HOME", "/home/a", "GIT_CONFIG_COUNT", "0",
                "SSH_CLIENT", "192.0.2.2 50001 22", "SSH_CONNECTION", "192.0.2.2 50001 192.0.2.9 22",
                "XDG_SESSION_ID", "42"), tmp);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.shareable()).isEqualTo(b.shareable());
        assertThat(a.shareable().variables()).isEqualTo(Map.of("HOME", "/home/a", "GIT_CONFIG_COUNT", "0"));
        assertThat(GitEnvironment.of(Map.of("HOME", "/home/b", "SSH_CLIENT", "192.0.2.1 50000 22"), tmp).shareable())
                .as("anything git may read keeps them apart").isNotEqualTo(a.shareable());
        assertThat(GitEnvironment.of(Map.of("HOME", "/home/a", "GIT_CONFIG_COUNT", "0"), tmp.resolve("elsewhere")).shareable())
                .as("nor another directory").isNotEqualTo(a.shareable());
    }

    /** This JVM's {@code git cat-file --batch} children whose environment holds {@code entry}. */
    private static List<ProcessHandle> readersWith(String entry) {
        return ProcessHandle.current().descendants().filter(p -> {
            try {
                String environ = Files.readString(Path.of("/proc", Long.toString(p.pid()), "environ"));
                return List.of(environ.split("\0")).contains(entry)
                        && p.info().arguments().map(List::of).orElse(List.of()).contains("cat-file");
            } catch (IOException gone) {
                return false;
            }
        }).toList();
    }

    @Test
    void aRepositoryKeepsTheReadersOfAtMostEightSessionEnvironmentsAndAnEvictedOneStartsAgainWhenRead() throws IOException {
        AnnexRepository.create(tmp.resolve("r"));
        Key key = Key.parse("SHA256E-s3--ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad").get();
        String mark = "READER_MARK=" + tmp;
        List<AnnexRepository> openings = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Map<String, String> session = new HashMap<>(System.getenv());
            session.put("READER_MARK", tmp.toString());
            session.put("SESSION_NUMBER", Integer.toString(i));
            AnnexRepository r = AnnexRepository.open(tmp.resolve("r"), new Caller(GitEnvironment.of(session, tmp), w -> { }));
            assertThat(r.locations(key)).isEmpty();
            openings.add(r);
        }
        assertThat(readersWith(mark)).hasSize(8);
        assertThat(readersWith("SESSION_NUMBER=0")).as("the least recently used was stopped").isEmpty();
        assertThat(openings.get(0).locations(key)).as("and its opening still reads").isEmpty();
        assertThat(readersWith("SESSION_NUMBER=0")).hasSize(1);
    }
}
