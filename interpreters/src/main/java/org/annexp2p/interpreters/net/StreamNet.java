package org.annexp2p.interpreters.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.protocol.message.AuthLine;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.message.MessageCodec;
import org.annexp2p.protocol.message.ParseError;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Received;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.WireText;
import org.annexp2p.interpreters.PeerClosedException;
import org.annexp2p.transports.BulkInputStream;
import org.annexp2p.transports.Connection;

/** Net instructions over a byte stream: any {@link Connection} (TCP, stdio, a spawned command, Tor, in-memory). */
public final class StreamNet implements Net.Handler {
    /**
     * Looked up on first use, not when the class loads: finding the logging backend scans every jar on the class
     * path, which alone costs p2pstdio about as much start-up time as the bare JVM.
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("annexp2p.net");
    }

    private final WireReader in;
    private final WireWriter out;
    private final AuthCheck authCheck;
    private final Relays relays;
    private final Transcript transcript;
    /**
     * Applied to the wire text of whatever reaches a log or the transcript, to hide tokens sent out of place;
     * AUTH lines are hidden ({@link AuthLine}) whatever this is.
     */
    private final UnaryOperator<String> hide;
    /** Where a warning goes: this process's log, or a resident server's session's stderr. */
    private final Consumer<String> warnings;
    private ProtocolVersion version = ProtocolVersion.V0;

    public StreamNet(WireReader in, WireWriter out, AuthCheck authCheck, Relays relays, Transcript transcript) {
        this(in, out, authCheck, relays, transcript, UnaryOperator.identity());
    }

    public StreamNet(WireReader in, WireWriter out, AuthCheck authCheck, Relays relays, Transcript transcript,
            UnaryOperator<String> hide) {
        this(in, out, authCheck, relays, transcript, hide, StreamNet::log);
    }

    /** As the constructor above, its warnings (a peer's unparseable line) given to {@code warnings}. */
    public StreamNet(WireReader in, WireWriter out, AuthCheck authCheck, Relays relays, Transcript transcript,
            UnaryOperator<String> hide, Consumer<String> warnings) {
        this.warnings = warnings;
        this.hide = wire -> hide.apply(AuthLine.masked(wire));
        this.in = in;
        this.out = out;
        this.authCheck = authCheck;
        this.relays = relays;
        this.transcript = transcript;
    }

    public static StreamNet over(Connection c, AuthCheck authCheck, Relays relays, Transcript transcript) {
        return over(c, authCheck, relays, transcript, UnaryOperator.identity());
    }

    /** As {@link #over(Connection, AuthCheck, Relays, Transcript)}, passing the peer's text through {@code hide} first. */
    public static StreamNet over(Connection c, AuthCheck authCheck, Relays relays, Transcript transcript,
            UnaryOperator<String> hide) {
        return over(c, authCheck, relays, transcript, hide, StreamNet::log);
    }

    /** As {@link #over(Connection, AuthCheck, Relays, Transcript, UnaryOperator)}, its warnings given to {@code warnings}. */
    public static StreamNet over(Connection c, AuthCheck authCheck, Relays relays, Transcript transcript,
            UnaryOperator<String> hide, Consumer<String> warnings) {
        return new StreamNet(new WireReader(c.input()), new WireWriter(c.output(), c.fileSender()), authCheck, relays,
                transcript, hide, warnings);
    }

    private static void log(String warning) {
        Log.LOG.log(System.Logger.Level.WARNING, warning);
    }

    @Override
    public Unit sendMessage(Net.SendMessage i) throws IOException {
        transcript.line(Transcript.Direction.SENT, redacted(i.message(), hide));
        out.send(i.message());
        return Unit.UNIT;
    }

    @Override
    public Received receiveMessage(Net.ReceiveMessage i) throws IOException {
        byte[] line = in.readLine();
        var parsed = MessageCodec.decode(line);
        if (parsed.isLeft()) {
            ParseError e = parsed.getLeft();
            String wire = WireText.ofBytes(line);
            String hidden = hide.apply(wire);
            // Hidden before abbreviating, so that a token the abbreviation would cut short is still found whole.
            transcript.line(Transcript.Direction.RECEIVED, abbreviated(WireText.printable(hidden)));
            // The description shows the peer's command word cut short, where a token could no longer be found.
            warnings.accept("unparseable line from the peer: "
                    + (hidden.equals(wire) ? e.describe() : "(it held an auth token, so it is not shown)"));
            return new Received.Unparseable(e);
        }
        transcript.line(Transcript.Direction.RECEIVED, redacted(parsed.get(), hide));
        return new Received.Parsed(parsed.get());
    }

    @Override
    public Unit sendBytes(Net.SendBytes i) throws IOException {
        // Progress starts where the transfer starts: a resumed one reports its offset before any byte moves.
        i.meter().progress(0);
        try (InputStream s = i.payload().stream()) {
            out.sendExactly(i.length().value(), s, i.meter());
        }
        return Unit.UNIT;
    }

    @Override
    public Payload receiveBytes(Net.ReceiveBytes i) throws IOException {
        long length = i.length().value();
        in.beginPayload(length);
        i.meter().progress(0);
        return new WirePayload(in, i.length(), i.meter());
    }

    @Override
    public Boolean checkAuthToken(Net.CheckAuthToken i) throws IOException {
        return authCheck.allows(i.uuid(), i.token());
    }

    @Override
    public ExitCode relayService(Net.RelayService i) throws IOException {
        return relays.serve(i.service(), in, out);
    }

    @Override
    public ExitCode relay(Net.Relay i) throws IOException {
        return relays.relay(in, out);
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
        return org.annexp2p.repository.MonotonicClock.SYSTEM.now();
    }

    /**
     * True when the peer's next message is still wholly in the connection, none of it read ahead into this side's
     * buffer: only then does waiting for the connection to become readable mean waiting for the message.
     */
    public boolean nothingReadAhead() {
        return in.nothingReadAhead();
    }

    /** Lets a NOTIFYCHANGE wait end when this connection's peer hangs up (see {@link WireReader#watchWhileWaiting}). */
    public RepositoryLocal.HangUpWatch hangUpWatch() {
        return new RepositoryLocal.HangUpWatch() {
            @Override
            public java.io.Closeable whileWaiting(Runnable cancel) {
                return in.watchWhileWaiting(cancel);
            }

            @Override
            public void throwIfHungUp() throws IOException {
                if (in.sentWhileWaiting()) {
                    throw new IOException("protocol error (the peer sent more before its NOTIFYCHANGE was answered)");
                }
                if (in.hungUp()) {
                    throw new PeerClosedException("the peer closed the connection while waiting for refs to change");
                }
            }
        };
    }

    /** The transcript form of a message: printable, abbreviated, the auth token replaced. */
    static String redacted(Message m) {
        return redacted(m, TokenHiding.AUTH_LINES_ONLY);
    }

    /** As {@link #redacted(Message)}, with {@code hide} applied to the wire text before abbreviating. */
    static String redacted(Message m, UnaryOperator<String> hide) {
        if (m instanceof Message.Auth a) {
            return "AUTH " + WireText.printable(hide.apply(AuthLine.shownUuid(a.uuid().value()))) + " " + AuthLine.HIDDEN;
        }
        return abbreviated(WireText.printable(hide.apply(AuthLine.masked(MessageCodec.format(m)))));
    }

    private static String abbreviated(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** A DATA payload read straight off the wire. */
    private static final class WirePayload implements Payload {
        private final Len length;
        private final InputStream stream;

        WirePayload(WireReader in, Len length, Meter meter) {
            this.length = length;
            this.stream = new BulkInputStream() {
                private long total;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.readPayload(b, off, len);
                    if (n > 0) {
                        total += n;
                        meter.progress(total);
                    }
                    return n;
                }
            };
        }

        @Override
        public Len length() {
            return length;
        }

        @Override
        public InputStream stream() {
            return stream;
        }
    }
}
