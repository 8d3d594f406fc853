package org.annexp2p.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.testkit.content.AnnexedContent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, item 3: our server and our client, each a real process killed with SIGKILL at random points of a
 * transfer, many times. After every kill the repository that was receiving holds only whole, correct objects
 * (partial bytes only in {@code .git/annex/tmp/KEY}, and only the content's first bytes), its location log is
 * intact and claims nothing absent, and git-annex's fsck agrees. The next transfer resumes exactly where the
 * partial copy ends (PUT-FROM n, GET n), sends only the rest, and ends with the right object.
 *
 * <p>Random points come from a seed printed at the start; {@code -Dcrash.seed=N} repeats a run.
 */
class CrashConsistencyIT {
    private static final int SERVER_KILLS = 24;
    private static final int CLIENT_KILLS = 16;
    private static final Pattern LISTENING = Pattern.compile("on tcp://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path tmp;

    @BeforeEach
    void gitAnnex() {
        GitAnnex.requireInstalled();
    }

    private static long seed(String which) {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("CrashConsistencyIT " + which + ": seed " + seed + " (repeat with -Dcrash.seed=" + seed + ")");
        return seed;
    }

    private static AnnexedContent content(Random random) {
        // Odd sizes of a few MB: large against every buffer on the way, small enough for many rounds.
        return AnnexedContent.random(random, 2_000_000 + random.nextInt(1_500_000));
    }

    // ---- server killed during PUT ---------------------------------------------------------------------------

    private enum PutKill { MID_DATA, AFTER_DATA_LINE, AFTER_VALID }

    @Test
    void serverKilledDuringPutKeepsOnlyWholeObjectsAndResumes() throws Exception {
        long seed = seed("server");
        Random random = new Random(seed);
        Path server = GitAnnex.initRepo(tmp.resolve("server"), "server");
        String serverUuid = GitAnnex.uuid(server);
        StoreAudit audit = new StoreAudit(server);
        Tally tally = new Tally();
        try {
            while (tally.kills < SERVER_KILLS) {
                AnnexedContent c = content(random);
                audit.expect(c);
                tally.keys++;
                int kills = Math.min(2 + random.nextInt(4), SERVER_KILLS - tally.kills);
                for (int k = 0; k < kills && !audit.present(c); k++) {
                    double r = random.nextDouble();
                    PutKill how = r < 0.7 ? PutKill.MID_DATA : r < 0.8 ? PutKill.AFTER_DATA_LINE : PutKill.AFTER_VALID;
                    putRound(server, serverUuid, c, how, random, audit, tally);
                }
                if (!audit.present(c)) {
                    putRound(server, serverUuid, c, null, random, audit, tally);
                }
                assertThat(audit.check(c).logged()).as("after the last PUT the server's log lists it").isTrue();
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
        System.out.println(tally.summary("server killed during PUT", seed));
        assertThat(tally.kills).isEqualTo(SERVER_KILLS);
        // Kills mid-DATA are most of them and land at uniform points of MBs: many leave bytes to resume from.
        assertThat(tally.roundsResumed).as("rounds where PUT-FROM resumed").isGreaterThanOrEqualTo(3);
        assertThat(tally.bytesNotResent).isPositive();
    }

    /**
     * One PUT to a freshly started server, killed as {@code how} says ({@code null}: not killed, must succeed).
     * Before the PUT, the partial copy on disk is what the server must offer to resume from.
     */
    private void putRound(Path server, String serverUuid, AnnexedContent c, PutKill how, Random random,
            StoreAudit audit, Tally tally) throws Exception {
        long kept = audit.partialSize(c);
        ToolProcess p = ToolProcess.start(server, tmp.resolve("server.log"), Map.of(), true,
                "p2pstdio", server.toString(), UUID.randomUUID().toString());
        RawPeer peer = new RawPeer(p.process.output(), p.process.input());
        assertThat(peer.receive()).isEqualTo("AUTH-SUCCESS " + serverUuid);
        peer.send("VERSION 1");
        assertThat(peer.receive()).isEqualTo("VERSION 1");
        peer.send("PUT  " + c.keyText()); // two spaces: no associated file, as git-annex sends it
        assertThat(peer.receive()).as("the server offers to resume from its partial copy, %d bytes", kept)
                .isEqualTo("PUT-FROM " + kept);
        if (kept > 0) {
            tally.resumed(kept);
        }
        int from = (int) kept;
        int rest = c.size() - from;
        long sent;
        if (how == PutKill.AFTER_DATA_LINE) {
            peer.send("DATA " + rest);
            sent = 0;
        } else if (how == PutKill.MID_DATA) {
            peer.send("DATA " + rest);
            sent = rest == 0 ? 0 : random.nextInt(rest);
            peer.sendBytes(c.bytes(), from, from + (int) sent);
            // Sometimes give the server a moment to write what is in the pipe, sometimes none.
            Thread.sleep(random.nextInt(15));
        } else {
            peer.send("DATA " + rest);
            peer.sendBytes(c.bytes(), from, c.size());
            peer.send("VALID");
            sent = rest;
            if (how == PutKill.AFTER_VALID) {
                // Lands during verification, the move into objects/, the log write, or after SUCCESS.
                Thread.sleep(random.nextInt(120));
            }
        }
        tally.bytesSent += sent;
        if (how == null) {
            assertThat(peer.receive()).as("the PUT that is not killed succeeds; server log:%n%s", p.logText())
                    .isEqualTo("SUCCESS");
            p.process.closeInput();
            assertThat(p.exit()).as("p2pstdio ends cleanly when the client hangs up").isZero();
            assertThat(audit.check(c).present()).isTrue();
            return;
        }
        boolean wasComplete = !p.process.alive();
        p.kill();
        tally.kills++;
        StoreAudit.State after = audit.check(c);
        assertThat(after.partial()).as("the server cannot keep more than it was sent").isLessThanOrEqualTo(kept + sent);
        if (after.present()) {
            assertThat(how).as("only a kill after all the data can leave the object").isEqualTo(PutKill.AFTER_VALID);
            tally.killsAfterCompletion++;
        }
        if (after.present() && !after.logged()) {
            // Killed between the move and the log write. Like git-annex's server ours then answers ALREADY-HAVE
            // without logging; fsck is what repairs it, and must.
            audit.fsckRepairsLog(c);
            tally.logsRepairedByFsck++;
        }
        assertThat(wasComplete).as("the server was alive until killed").isFalse();
    }

    // ---- client killed during GET ---------------------------------------------------------------------------

    /**
     * Where a client dies: with the bytes it was given written out (MID_DATA) or while still taking them from its
     * socket, where MBs can wait on loopback (MID_DATA_RUSHED); holding all the data but not VALID; or just after
     * it told the server SUCCESS (object moved into place, log not yet written).
     */
    private enum GetKill { MID_DATA, MID_DATA_RUSHED, BEFORE_VALID, AT_SUCCESS }

    @Test
    void clientKilledDuringGetKeepsOnlyWholeObjectsAndResumes() throws Exception {
        long seed = seed("client");
        Random random = new Random(seed);
        Path source = GitAnnex.initRepo(tmp.resolve("source"), "source");
        Path client = GitAnnex.initRepo(tmp.resolve("client"), "client");
        String token = AnnexP2p.run(source, Map.of(), "token", "--repo", source.toString()).ok().out().trim();
        ToolProcess serve = ToolProcess.start(source, tmp.resolve("serve.log"), Map.of(), false,
                "serve", "--repo", source.toString(), "--listen", "127.0.0.1:0");
        StoreAudit audit = new StoreAudit(client);
        Tally tally = new Tally();
        try (GatedRelay relay = new GatedRelay(listeningPort(serve))) {
            while (tally.kills < CLIENT_KILLS) {
                AnnexedContent c = content(random);
                String key = GitAnnex.addFile(source, "f" + tally.keys + ".bin", c.bytes());
                assertThat(key).as("git-annex names the content as this test does").isEqualTo(c.keyText());
                audit.expect(c);
                tally.keys++;
                int kills = Math.min(2 + random.nextInt(3), CLIENT_KILLS - tally.kills);
                for (int k = 0; k < kills && !audit.present(c); k++) {
                    double r = random.nextDouble();
                    GetKill how = r < 0.5 ? GetKill.MID_DATA : r < 0.7 ? GetKill.MID_DATA_RUSHED
                            : r < 0.85 ? GetKill.BEFORE_VALID : GetKill.AT_SUCCESS;
                    getRound(client, relay, token, c, how, random, audit, tally);
                }
                // A kill after the move but before the log write leaves an unlogged object: get again logs it.
                if (!audit.present(c) || !audit.check(c).logged()) {
                    getRound(client, relay, token, c, null, random, audit, tally);
                }
                assertThat(audit.check(c).logged()).as("after the last get the client's log lists it").isTrue();
            }
            assertThat(serve.process.alive()).as("killed clients do not take the server down").isTrue();
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        } finally {
            serve.process.close();
            serve.exit();
        }
        System.out.println(tally.summary("client killed during GET", seed));
        assertThat(tally.kills).isEqualTo(CLIENT_KILLS);
        assertThat(tally.roundsResumed).as("rounds where GET resumed at a non-zero offset").isGreaterThanOrEqualTo(3);
        assertThat(tally.bytesNotResent).isPositive();
    }

    /**
     * Waits until the client's partial copy stops growing: it has taken in what the relay let through (it cannot
     * get more) and written all but its last buffer. Synchronization only; the watchdog bounds it.
     */
    private static void awaitPartialSettled(StoreAudit audit, AnnexedContent c, ToolProcess p) throws Exception {
        long last = -1;
        int steady = 0;
        while (steady < 5 && p.process.alive()) {
            long now = audit.partialSize(c);
            steady = now == last ? steady + 1 : 0;
            last = now;
            Thread.sleep(10);
        }
    }

    private static int listeningPort(ToolProcess serve) throws Exception {
        // The server prints its address once listening; poll its log (bounded by the process's watchdog).
        while (serve.process.alive()) {
            Matcher m = LISTENING.matcher(Files.readString(serve.log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("annex-p2p serve ended: " + serve.logText());
    }

    private void getRound(Path client, GatedRelay relay, String token, AnnexedContent c, GetKill how, Random random,
            StoreAudit audit, Tally tally) throws Exception {
        long kept = audit.partialSize(c);
        boolean had = audit.present(c);
        long rest = c.size() - kept;
        boolean midData = how == GetKill.MID_DATA || how == GetKill.MID_DATA_RUSHED;
        long allowance = midData ? (rest == 0 ? 0 : (long) random.nextInt((int) rest))
                : how == GetKill.BEFORE_VALID ? rest : Long.MAX_VALUE;
        GatedRelay.Session s = relay.arm(allowance);
        ToolProcess p = ToolProcess.start(client, tmp.resolve("get.log"), Map.of("GIT_ANNEX_P2P_AUTHTOKEN", token), false,
                "get", "--address", "tcp://127.0.0.1:" + relay.port(), "--repo", client.toString(), c.keyText());
        if (how == null) {
            assertThat(p.exit()).as("the get that is not killed succeeds; log:%n%s", p.logText()).isZero();
            assertThat(audit.check(c).present()).isTrue();
        } else {
            boolean completed = false;
            if (how == GetKill.AT_SUCCESS) {
                // The client has moved the object into place and is about to log it (or has).
                while (!s.clientSucceeded.await(5, TimeUnit.MILLISECONDS) && p.process.alive()) {
                    // waiting
                }
                completed = !p.process.alive();
                if (completed) {
                    assertThat(p.exit()).as("a get that finished before its kill succeeded; log:%n%s", p.logText()).isZero();
                }
            } else {
                while (!s.held.await(5, TimeUnit.MILLISECONDS) && p.process.alive()) {
                    // waiting
                }
                assertThat(p.process.alive()).as("the client waits for held bytes; log:%n%s", p.logText()).isTrue();
                if (how != GetKill.MID_DATA_RUSHED) {
                    awaitPartialSettled(audit, c, p);
                }
                Thread.sleep(random.nextInt(15));
            }
            if (completed) {
                tally.killsAfterCompletion++;
            } else {
                p.kill();
                tally.kills++;
            }
            StoreAudit.State after = audit.check(c);
            if (how != GetKill.AT_SUCCESS) {
                assertThat(after.present()).as("no object before the data was VALID").isFalse();
                assertThat(after.partial()).as("the client cannot keep more than it was given")
                        .isLessThanOrEqualTo(kept + allowance);
            }
        }
        if (had) {
            assertThat(s.getLine).as("an object already here is not fetched again").isNull();
            assertThat(audit.check(c).logged()).as("but it is logged").isTrue();
            tally.unloggedObjectsLoggedByGet++;
            return;
        }
        assertThat(s.getLine).as("the client resumes from its partial copy, %d bytes", kept)
                .isEqualTo("GET " + kept + "  " + c.keyText());
        if (s.dataLine != null) {
            assertThat(s.dataLine).as("the server sends only the rest").isEqualTo("DATA " + rest);
        }
        tally.bytesSent += how == null || how == GetKill.AT_SUCCESS || how == GetKill.BEFORE_VALID ? rest : allowance;
        if (kept > 0) {
            tally.resumed(kept);
        }
    }
}
