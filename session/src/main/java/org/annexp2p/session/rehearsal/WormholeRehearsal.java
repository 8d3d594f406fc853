package org.annexp2p.session.rehearsal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code wormhole send} and {@code wormhole receive} of a small file and of a text, both sides through the tool's
 * command line at once, as two users run them with a code agreed in advance. They meet at a {@link LoopbackMailbox}
 * over its WebSocket and move the bytes over direct transit on loopback; the transit relay they are given is a closed
 * port, so nothing leaves this machine.
 */
final class WormholeRehearsal {

    /** Both sides of a transfer must have ended by then; one that has not is left behind (the training JVM exits). */
    private static final long BOUND_SECONDS = 60;

    private final Rehearsal.Tool tool;
    private final Path dir;

    WormholeRehearsal(Rehearsal.Tool tool, Path dir) {
        this.tool = tool;
        this.dir = dir;
    }

    /** A file: the sender's and receiver's transfer and the receiver's writing of it. */
    void file(byte[] content) throws Exception {
        Path file = dir.resolve("wormhole.bin");
        Files.write(file, content);
        Path received = dir.resolve("wormhole-received.bin");
        pair("wormhole file", List.of("send", "--hide-progress", "--code", "7-rehearsal-file", file.toString()),
                List.of("receive", "--hide-progress", "--accept-file", "-o", received.toString(), "7-rehearsal-file"));
        if (!Files.exists(received) || !Arrays.equals(content, Files.readAllBytes(received))) {
            throw new IOException("the received file is not the one sent");
        }
    }

    /** A text message, which takes another path through both sides. */
    void text() throws Exception {
        pair("wormhole text", List.of("send", "--hide-progress", "--code", "8-rehearsal-text", "--text", "rehearsal"),
                List.of("receive", "--hide-progress", "8-rehearsal-text"));
    }

    /** Runs {@code send} and {@code receive} at once against a fresh loopback mailbox; both must exit with 0. */
    private void pair(String name, List<String> send, List<String> receive) throws Exception {
        try (LoopbackMailbox mailbox = new LoopbackMailbox()) {
            List<String> servers = List.of("--relay-url", mailbox.url().toString(),
                    "--transit-helper", "tcp:127.0.0.1:" + closedPort());
            FutureTask<Integer> sender = start(name + " sender", argv(servers, send));
            FutureTask<Integer> receiver = start(name + " receiver", argv(servers, receive));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
            int sent = within(sender, deadline, name + " send");
            int got = within(receiver, deadline, name + " receive");
            if (sent != 0 || got != 0) {
                throw new IOException(name + ": send exited with " + sent + ", receive with " + got);
            }
        }
    }

    private static String[] argv(List<String> servers, List<String> command) {
        List<String> all = new ArrayList<>(List.of("wormhole"));
        all.addAll(servers);
        all.addAll(command);
        return all.toArray(String[]::new);
    }

    private FutureTask<Integer> start(String name, String[] argv) {
        FutureTask<Integer> task = new FutureTask<>(() -> tool.run(argv));
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private static int within(FutureTask<Integer> side, long deadline, String what) throws Exception {
        try {
            return side.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException(what + " did not end within " + BOUND_SECONDS + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** A loopback port nothing listens on (it was free a moment ago): a transit relay that is never there. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
