package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: the protocol v2-v4 messages spoken line by line to the real {@code git-annex-shell p2pstdio} of
 * 10.20250416 and to ours, the same conversation to each. The replies must be the same line for line (only the
 * server's uuid and clock differ): VERSION 4; BYPASS taken without a reply; ALREADY-HAVE; REMOVE-BEFORE the
 * TIMESTAMP just read refused and REMOVE-BEFORE ten minutes later honoured; DATA-PRESENT refused while the content
 * is missing and accepted (and logged) once another connection has stored it. Our GETTIMESTAMP reads the monotonic
 * clock git-annex reads.
 */
class ProtocolV4ConversationIT {
    static final String CLIENT = "5b7a4a8e-2f43-4c3c-9d0e-7a1f3c9e2b11";
    static final String GATEWAY = "0f8d6c1e-4b5a-4e2f-9c3d-1a2b3c4d5e6f";
    static final byte[] KEPT = "kept until a deadline\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ELSEWHERE = "stored over another connection\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path tmp;
    static GitAnnexVersions.Release newer;
    static Path theirRepo;
    static Path ourRepo;

    @BeforeAll
    static void repositories() throws Exception {
        newer = GitAnnexVersions.newer();
        theirRepo = GitAnnex.initRepo(newer, tmp.resolve("theirs"), "served by git-annex-shell");
        ourRepo = GitAnnex.initRepo(newer, tmp.resolve("ours"), "served by annex-p2p");
        GitAnnex.addFile(newer, theirRepo, "kept.txt", KEPT);
        GitAnnex.addFile(newer, ourRepo, "kept.txt", KEPT);
    }

    static Command theirs(Path repo) {
        return Command.of(newer.gitAnnexShell().toString(), "p2pstdio", repo.toString(), CLIENT).env(newer.env());
    }

    static Command ours(Path repo) {
        return AnnexP2p.command("p2pstdio", repo.toString(), CLIENT).env(newer.env());
    }

    @Test
    void theSameV4ConversationGetsTheSameRepliesFromGitAnnexShellAndFromUs() throws Exception {
        List<String> expected = List.of("S: AUTH-SUCCESS <uuid>", "C: VERSION 4", "S: VERSION 4",
                "C: BYPASS " + GATEWAY + " " + CLIENT, "C: GETTIMESTAMP", "S: TIMESTAMP <t>",
                "C: PUT kept.txt <kept>", "S: ALREADY-HAVE",
                "C: REMOVE-BEFORE <t> <kept>", "S: FAILURE", "C: CHECKPRESENT <kept>", "S: SUCCESS",
                "C: REMOVE-BEFORE <t+600> <kept>", "S: SUCCESS", "C: CHECKPRESENT <kept>", "S: FAILURE",
                "C: PUT elsewhere.txt <elsewhere>", "S: PUT-FROM 0", "C: DATA-PRESENT", "S: FAILURE",
                "C: PUT elsewhere.txt <elsewhere>", "S: PUT-FROM 0", "C: DATA-PRESENT", "S: SUCCESS",
                "C: CHECKPRESENT <elsewhere>", "S: SUCCESS");
        assertThat(converse(theirRepo, true)).as("git-annex-shell 10.20250416").isEqualTo(expected);
        assertThat(converse(ourRepo, false)).as("annex-p2p").isEqualTo(expected);

        // What each side's own git-annex then knows: the removed content is gone, the DATA-PRESENT one logged here.
        for (Path repo : List.of(theirRepo, ourRepo)) {
            String uuid = GitAnnex.uuid(repo);
            assertThat(GitAnnex.run(repo, newer.env(), "git", "annex", "whereis", "--key", key(ELSEWHERE)).ok().out())
                    .as(repo.toString()).contains(uuid);
            assertThat(GitAnnex.run(repo, newer.env(), "git", "annex", "whereis", "--key", key(KEPT)).out())
                    .as(repo.toString()).doesNotContain(uuid);
            GitAnnex.run(repo, newer.env(), "git", "annex", "fsck", "--key", key(ELSEWHERE)).ok();
        }
    }

    @Test
    void ourTimestampIsReadFromTheMonotonicClockGitAnnexReads() throws Exception {
        long before = timestamp(theirs(theirRepo));
        long ours = timestamp(ours(ourRepo));
        long after = timestamp(theirs(theirRepo));
        // Each server process reads the clock anew: one clock across processes, as REMOVE-BEFORE needs.
        assertThat(ours).isBetween(before, after);
    }

    /** The conversation, with the uuid, clock readings and keys in it written as placeholders. */
    static List<String> converse(Path repo, boolean theirs) throws Exception {
        String kept = key(KEPT);
        String elsewhere = key(ELSEWHERE);
        long t;
        List<String> said;
        try (SpokenConversation c = SpokenConversation.start(theirs ? theirs(repo) : ours(repo))) {
            c.hear();
            c.ask("VERSION 4");
            c.say("BYPASS " + GATEWAY + " " + CLIENT);
            t = Long.parseLong(c.ask("GETTIMESTAMP").substring("TIMESTAMP ".length()));
            c.ask("PUT kept.txt " + kept);
            // The server's clock has reached t already: too late.
            c.ask("REMOVE-BEFORE " + t + " " + kept);
            c.ask("CHECKPRESENT " + kept);
            c.ask("REMOVE-BEFORE " + (t + 600) + " " + kept);
            c.ask("CHECKPRESENT " + kept);
            c.ask("PUT elsewhere.txt " + elsewhere);
            c.ask("DATA-PRESENT");
            c.ask("PUT elsewhere.txt " + elsewhere);
            storeOverAnotherConnection(theirs ? theirs(repo) : ours(repo));
            c.ask("DATA-PRESENT");
            c.ask("CHECKPRESENT " + elsewhere);
            said = c.transcript();
        }
        return said.stream().map(l -> l.replaceFirst("^S: AUTH-SUCCESS \\S+$", "S: AUTH-SUCCESS <uuid>")
                .replaceAll("\\b" + (t + 600) + "\\b", "<t+600>").replaceAll("\\b" + t + "\\b", "<t>")
                .replace(kept, "<kept>").replace(elsewhere, "<elsewhere>")).toList();
    }

    /** What a proxy does before it sends DATA-PRESENT: the content reaches the repository another way. */
    static void storeOverAnotherConnection(Command server) throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(("VERSION 4\nPUT elsewhere.txt " + key(ELSEWHERE) + "\n").getBytes(StandardCharsets.US_ASCII));
        in.writeBytes(("DATA " + ELSEWHERE.length + "\n").getBytes(StandardCharsets.US_ASCII));
        in.writeBytes(ELSEWHERE);
        in.writeBytes("VALID\n".getBytes(StandardCharsets.US_ASCII));
        Finished put = server.stdin(in.toByteArray()).run();
        assertThat(put.out().lines().toList()).as("%s%n%s", server, put.err()).endsWith("PUT-FROM 0", "SUCCESS");
    }

    static long timestamp(Command server) throws Exception {
        Finished f = server.stdin("VERSION 4\nGETTIMESTAMP\n").run();
        List<String> lines = f.out().lines().toList();
        assertThat(lines).as("%s%n%s", server, f.err()).hasSize(3);
        assertThat(lines.get(2)).matches("TIMESTAMP \\d+");
        return Long.parseLong(lines.get(2).substring("TIMESTAMP ".length()));
    }

    static String key(byte[] content) {
        return AnnexedContent.of(content, ".txt").keyText();
    }
}
