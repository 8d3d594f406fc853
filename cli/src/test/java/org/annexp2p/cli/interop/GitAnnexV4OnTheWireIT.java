package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: git-annex 10.20250416 as the client of two ssh remotes served by our {@code p2pstdio} (a fake ssh runs
 * them here), its own debug output read for the protocol lines it sent and received: VERSION 4 negotiated; a PUT
 * our server already has answered ALREADY-HAVE; a local drop resting on our server's LOCKCONTENT; a drop from one of
 * our servers resting on the other's lock, done with GETTIMESTAMP and a REMOVE-BEFORE deadline. One client and two
 * servers for every case; each case has its own file.
 */
class GitAnnexV4OnTheWireIT {
    @TempDir
    static Path tmp;
    static GitAnnexVersions.Release newer;
    static Map<String, String> env;
    static Path client;
    static Path first;
    static Path second;

    @BeforeAll
    static void clientAndTwoOfOurServers() throws Exception {
        newer = GitAnnexVersions.newer();
        env = newer.env(Map.of("GIT_SSH", AnnexP2p.fakeSsh(tmp).toString(), "GIT_ANNEX_USE_GIT_SSH", "1"));
        client = GitAnnex.initRepo(newer, tmp.resolve("client"), "client");
        first = GitAnnex.initRepo(newer, tmp.resolve("first"), "first");
        second = GitAnnex.initRepo(newer, tmp.resolve("second"), "second");
        String launcher = AnnexP2p.launcher(tmp).toString();
        for (Path server : List.of(first, second)) {
            String name = server.getFileName().toString();
            git(client, "git", "remote", "add", name, "localhost:" + server);
            git(client, "git", "config", "remote." + name + ".annex-shell", launcher);
            git(client, "git", "config", "remote." + name + ".annex-uuid", GitAnnex.uuid(server));
        }
    }

    static GitAnnex.Result git(Path dir, String... argv) throws Exception {
        return GitAnnex.run(dir, env, argv).ok();
    }

    /** {@code git annex --debug args} in the client; the protocol lines it logged. */
    static DebugWire annex(String... args) throws Exception {
        String[] argv = new String[args.length + 3];
        argv[0] = "git";
        argv[1] = "annex";
        argv[2] = "--debug";
        System.arraycopy(args, 0, argv, 3, args.length);
        return DebugWire.of(git(client, argv).err());
    }

    static String add(String name) throws Exception {
        return GitAnnex.addFile(newer, client, name, (name + " on the wire\n").getBytes(StandardCharsets.US_ASCII));
    }

    static boolean holds(Path server, String key) throws Exception {
        return GitAnnex.run(server, env, "git", "annex", "contentlocation", key).exit() == 0;
    }

    @Test
    void negotiatesVersion4AndPutsThroughIt() throws Exception {
        String key = add("put.txt");
        List<String> wire = annex("copy", "--to", "first", "put.txt").connectionWith("> PUT put.txt " + key);
        assertThat(wire).containsSubsequence("< AUTH-SUCCESS " + GitAnnex.uuid(first), "> VERSION 4", "< VERSION 4",
                "> PUT put.txt " + key, "< PUT-FROM 0", "> DATA 20", "> VALID", "< SUCCESS");
        git(first, "git", "annex", "fsck", "--key", key);
    }

    @Test
    void aPutOurServerAlreadyHasIsAnsweredAlreadyHave() throws Exception {
        String key = add("again.txt");
        git(client, "git", "annex", "copy", "--to", "first", "again.txt");
        // The client forgets that first has it; with --fast it trusts its log and sends the content again.
        git(client, "git", "annex", "setpresentkey", key, GitAnnex.uuid(first), "0");
        List<String> wire = annex("copy", "--fast", "--to", "first", "again.txt")
                .connectionWith("> PUT again.txt " + key);
        assertThat(wire).containsSubsequence("< VERSION 4", "> PUT again.txt " + key, "< ALREADY-HAVE");
        assertThat(wire).noneMatch(l -> l.startsWith("> DATA"));
        assertThat(git(client, "git", "annex", "whereis", "again.txt").out()).contains(GitAnnex.uuid(first));
    }

    @Test
    void aLocalDropRestsOnOurServersLock() throws Exception {
        String key = add("locked.txt");
        git(client, "git", "annex", "copy", "--to", "first", "locked.txt");
        List<String> wire = annex("drop", "locked.txt").connectionWith("> LOCKCONTENT " + key);
        assertThat(wire).containsSubsequence("< VERSION 4", "> LOCKCONTENT " + key, "< SUCCESS", "> UNLOCKCONTENT");
        assertThat(holds(client, key)).as("dropped here").isFalse();
        assertThat(holds(first, key)).isTrue();
    }

    @Test
    void aDropFromOurServerRestsOnTheOthersLockAndADeadlineFromItsClock() throws Exception {
        String key = add("deadline.txt");
        git(client, "git", "annex", "copy", "--to", "first", "deadline.txt");
        git(client, "git", "annex", "copy", "--to", "second", "deadline.txt");
        git(client, "git", "annex", "drop", "deadline.txt");

        DebugWire wire = annex("drop", "--from", "first", "deadline.txt");
        assertThat(wire.connectionWith("> LOCKCONTENT " + key))
                .containsSubsequence("< AUTH-SUCCESS " + GitAnnex.uuid(second), "< VERSION 4", "> LOCKCONTENT " + key,
                        "< SUCCESS", "> UNLOCKCONTENT");
        List<String> removal = wire.connectionWith("> GETTIMESTAMP");
        assertThat(removal).containsSubsequence("< AUTH-SUCCESS " + GitAnnex.uuid(first), "< VERSION 4",
                "> GETTIMESTAMP");
        int at = removal.indexOf("> GETTIMESTAMP");
        assertThat(removal.get(at + 1)).matches("< TIMESTAMP \\d+");
        assertThat(removal.get(at + 2)).matches("> REMOVE-BEFORE \\d+ " + key);
        assertThat(removal.get(at + 3)).isEqualTo("< SUCCESS");
        long now = Long.parseLong(removal.get(at + 1).substring("< TIMESTAMP ".length()));
        long deadline = Long.parseLong(removal.get(at + 2).split(" ")[2]);
        // The deadline is on our server's clock: its TIMESTAMP plus what is left of the lock on second.
        assertThat(deadline).isGreaterThan(now);
        assertThat(holds(first, key)).as("removed from first").isFalse();
        assertThat(holds(second, key)).isTrue();
    }
}
