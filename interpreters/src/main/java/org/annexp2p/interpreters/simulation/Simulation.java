package org.annexp2p.interpreters.simulation;

import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.annexp2p.interpreters.FailureReason;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.protocol.conversation.Server;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.message.MessageCodec;
import org.annexp2p.protocol.program.Instruction;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Machine;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Received;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.WireText;

/**
 * Runs a client against a server deterministically on the calling thread: no sockets, no threads, no clock.
 * Both peers are resumable {@link Machine}s exchanging real protocol bytes (so the codec is in the loop); a peer
 * that must wait for bytes yields to the other. A connection cut after N bytes in either direction models a
 * transfer killed mid-way.
 */
public final class Simulation {

    /** What happened: each peer's outcome (of its last phase run), and the bytes each side sent. */
    public record Result(Outcome<?> client, Outcome<?> server, byte[] clientSent, byte[] serverSent) {}

    /** Faults and environment. {@code cutAfter}: total bytes (both directions) after which the link dies. */
    public record Options(long cutAfter, AuthCheck serverAuth, long monotonicSeconds) {
        public static Options defaults() {
            return new Options(Long.MAX_VALUE, AuthCheck.REFUSE_ALL, 1000);
        }

        public Options withCutAfter(long bytes) {
            return new Options(bytes, serverAuth, monotonicSeconds);
        }

        public Options withServerAuth(AuthCheck check) {
            return new Options(cutAfter, check, monotonicSeconds);
        }
    }

    /** The server as git-annex's Tor/TCP servers run it: AUTH under a Net-only phase, then the repository. */
    public static Phase authenticatedServer(Uuid myUuid, ServerMode mode, Local.Handler repository) {
        return Phase.netOnly(Server.serveAuth(myUuid))
                .<Option<Uuid>>andThen(peer -> peer.map(u -> Phase.full(Server.serveAuthed(mode, myUuid), repository)));
    }

    public static Result run(Phase client, Phase server, Options options) {
        Link link = new Link(options.cutAfter());
        Peer c = new Peer("client", client, link, true, AuthCheck.REFUSE_ALL, options.monotonicSeconds());
        Peer s = new Peer("server", server, link, false, options.serverAuth(), options.monotonicSeconds());
        while (!(c.finished && s.finished)) {
            boolean progressed = c.runUntilBlocked() | s.runUntilBlocked();
            if (!progressed && !(c.finished && s.finished)) {
                // Both wait for bytes that will never come: a protocol deadlock, reported, never a hang.
                c.fail("deadlock: both peers wait to read");
                s.fail("deadlock: both peers wait to read");
            }
        }
        return new Result(c.outcome, s.outcome, link.sent(true), link.sent(false));
    }

    /** The simulated wire: two byte queues, and the fault that kills both at once. */
    private static final class Link {
        final Queue toServer = new Queue();
        final Queue toClient = new Queue();
        final long cutAfter;
        long total;
        boolean cut;

        Link(long cutAfter) {
            this.cutAfter = cutAfter;
        }

        void write(boolean fromClient, byte[] b, int off, int len) throws IOException {
            if (cut) {
                throw new IOException("connection lost");
            }
            Queue q = fromClient ? toServer : toClient;
            long room = cutAfter - total;
            int n = (int) Math.min(len, room);
            q.append(b, off, n);
            total += n;
            if (n < len) {
                cut = true;
                toServer.closed = true;
                toClient.closed = true;
                throw new IOException("connection lost");
            }
        }

        Queue inbound(boolean client) {
            return client ? toClient : toServer;
        }

        byte[] sent(boolean client) {
            return (client ? toServer : toClient).all();
        }
    }

    private static final class Queue {
        private byte[] data = new byte[1024];
        private int size;
        private int pos;
        boolean closed;

        void append(byte[] b, int off, int len) {
            if (size + len > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + len));
            }
            System.arraycopy(b, off, data, size, len);
            size += len;
        }

        int available() {
            return size - pos;
        }

        int indexOfNewline() {
            for (int i = pos; i < size; i++) {
                if (data[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        byte[] take(int n) {
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return out;
        }

        byte[] all() {
            return java.util.Arrays.copyOf(data, size);
        }
    }

    /** Thrown when a peer must wait for bytes; the pending instruction is retried after the other peer ran. */
    private static final class WouldBlock extends IOException {
        private static final long serialVersionUID = 1L;

        WouldBlock() {
            super(null, null);
        }
    }

    private static final class Peer implements Net.Handler {
        final String name;
        final Link link;
        final boolean client;
        final AuthCheck auth;
        final long monotonic;
        Phase phase;
        Machine<Object> machine;
        Instruction<?> pending;
        boolean finished;
        Outcome<?> outcome = new Outcome.Failed<>("not run");
        ProtocolVersion version = ProtocolVersion.V0;

        @SuppressWarnings("unchecked")
        Peer(String name, Phase phase, Link link, boolean client, AuthCheck auth, long monotonic) {
            this.name = name;
            this.phase = phase;
            this.machine = new Machine<>((org.annexp2p.protocol.program.Program<Object>) phase.program());
            this.link = link;
            this.client = client;
            this.auth = auth;
            this.monotonic = monotonic;
        }

        /** Steps until this peer must wait or is done; true if it performed anything. */
        @SuppressWarnings("unchecked")
        boolean runUntilBlocked() {
            boolean progressed = false;
            while (!finished) {
                if (pending == null) {
                    Machine.Step<Object> step = machine.next();
                    if (step instanceof Machine.Step.Done<Object> done) {
                        Option<Phase> next = phase.andThen().apply(done.value());
                        if (next.isEmpty()) {
                            finish(new Outcome.Completed<>(done.value()));
                            return true;
                        }
                        phase = next.get();
                        machine = new Machine<>((org.annexp2p.protocol.program.Program<Object>) phase.program());
                        progressed = true;
                        continue;
                    }
                    pending = ((Machine.Step.Perform<Object>) step).instruction();
                }
                Object result;
                try {
                    result = perform(pending);
                } catch (WouldBlock e) {
                    return progressed;
                } catch (org.annexp2p.interpreters.PeerClosedException e) {
                    finish(new Outcome.PeerClosed<>());
                    return true;
                } catch (IOException e) {
                    finish(new Outcome.Failed<>(FailureReason.of(e)));
                    return true;
                }
                pending = null;
                machine.resume(result);
                progressed = true;
            }
            return progressed;
        }

        private Object perform(Instruction<?> i) throws IOException {
            if (i instanceof Net<?> n) {
                return n.accept(this);
            }
            Local<?> l = (Local<?>) i;
            if (phase.local().isEmpty()) {
                throw new IOException(org.annexp2p.interpreters.Unauthenticated.REFUSAL);
            }
            return l.accept(phase.local().get());
        }

        void fail(String why) {
            finish(new Outcome.Failed<>(why));
        }

        private void finish(Outcome<?> o) {
            finished = true;
            outcome = o;
            // A peer that is done hangs up: the other side reads end-of-stream after what was already sent.
            link.inbound(!client).closed = true;
            link.inbound(client).closed = true;
        }

        private Queue in() {
            return link.inbound(client);
        }

        @Override
        public Unit sendMessage(Net.SendMessage i) throws IOException {
            byte[] b = MessageCodec.encode(i.message());
            link.write(client, b, 0, b.length);
            return Unit.UNIT;
        }

        @Override
        public Received receiveMessage(Net.ReceiveMessage i) throws IOException {
            Queue q = in();
            int nl = q.indexOfNewline();
            if (nl < 0) {
                if (q.available() > MessageCodec.MAX_LINE_BYTES) {
                    throw new IOException("protocol error (a line longer than " + MessageCodec.MAX_LINE_BYTES + " bytes)");
                }
                if (q.closed) {
                    throw new org.annexp2p.interpreters.PeerClosedException(name + ": the peer closed the connection");
                }
                throw new WouldBlock();
            }
            byte[] line = q.take(nl - q.pos);
            q.take(1);
            return MessageCodec.decode(line).fold(Received.Unparseable::new, Received.Parsed::new);
        }

        @Override
        public Unit sendBytes(Net.SendBytes i) throws IOException {
            long len = i.length().value();
            byte[] chunk = new byte[64 * 1024];
            long done = 0;
            try (InputStream s = i.payload().stream()) {
                while (done < len) {
                    int n = s.read(chunk, 0, (int) Math.min(chunk.length, len - done));
                    if (n < 0) {
                        throw new IOException("short data write: the content ended " + (len - done) + " bytes early");
                    }
                    link.write(client, chunk, 0, n);
                    done += n;
                    i.meter().progress(done);
                }
            }
            return Unit.UNIT;
        }

        @Override
        public Payload receiveBytes(Net.ReceiveBytes i) throws IOException {
            Queue q = in();
            long len = i.length().value();
            if (q.available() < len && !q.closed) {
                throw new WouldBlock();
            }
            byte[] bytes = q.take((int) Math.min(len, q.available()));
            i.meter().progress(bytes.length);
            return Payload.of(i.length(), new ByteArrayInputStream(bytes));
        }

        @Override
        public Boolean checkAuthToken(Net.CheckAuthToken i) throws IOException {
            return auth.allows(i.uuid(), i.token());
        }

        @Override
        public ExitCode relayService(Net.RelayService i) throws IOException {
            throw new IOException("relaying to git is not simulated");
        }

        @Override
        public ExitCode relay(Net.Relay i) throws IOException {
            throw new IOException("relaying to git is not simulated");
        }

        @Override
        public Unit setProtocolVersion(Net.SetProtocolVersion i) {
            version = i.version();
            return Unit.UNIT;
        }

        @Override
        public ProtocolVersion getProtocolVersion(Net.GetProtocolVersion i) {
            return version;
        }

        @Override
        public MonotonicTimestamp getMonotonicTimestamp(Net.GetMonotonicTimestamp i) {
            return MonotonicTimestamp.of(monotonic);
        }

        @Override
        public String toString() {
            return name + " " + WireText.printable(String.valueOf(pending));
        }
    }
}
