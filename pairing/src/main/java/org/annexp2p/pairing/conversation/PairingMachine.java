package org.annexp2p.pairing.conversation;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;

/**
 * The pairing conversation as pure functions: {@code (state, event) -> (state, outputs)}.
 *
 * <pre>
 * requester: Requesting --Ack(our session)--> Finishing(send Done) --linger over--> Paired
 * responder: Listening --Request--> Acknowledging(send Ack) --Done(our contribution)--> Paired
 * either:    deadline passed --> Failed(reason, with counts of wrong-MAC datagrams)
 * </pre>
 * Retransmission is driven by {@link PairingEvent.Tick}; duplicates are answered idempotently (a repeated
 * Request gets the same Acknowledge, a repeated Acknowledge the same Done), and anything unauthenticated
 * or from another session is counted and otherwise ignored.
 */
final class PairingMachine {

    private static final HexFormat HEX = HexFormat.of();

    private PairingMachine() {
    }

    public static Step start(PairingSetup setup, long nowMillis) {
        long deadline = nowMillis + setup.timeout().toMillis();
        if (setup.role() == PairingSetup.Role.RESPONDER) {
            return new Step(new PairingState.Listening(setup, deadline, PairingState.Tally.EMPTY),
                    List.of(new Output.Note("waiting for a pairing request")));
        }
        List<Output> out = new ArrayList<>(sendRequest(setup));
        out.add(new Output.Note("pairing request sent to " + setup.requestTargets()));
        return new Step(new PairingState.Requesting(setup, nowMillis + setup.retransmit().toMillis(), deadline, PairingState.Tally.EMPTY), out);
    }

    public static Step step(PairingState state, PairingEvent event) {
        if (state instanceof PairingState.Requesting s) {
            return requesting(s, event);
        } else if (state instanceof PairingState.Listening s) {
            return listening(s, event);
        } else if (state instanceof PairingState.Acknowledging s) {
            return acknowledging(s, event);
        } else if (state instanceof PairingState.Finishing s) {
            return finishing(s, event);
        }
        return new Step(state, List.of());
    }

    public static boolean isFinal(PairingState state) {
        return state instanceof PairingState.Paired || state instanceof PairingState.Failed;
    }

    private static Step requesting(PairingState.Requesting s, PairingEvent event) {
        PairingSetup setup = s.setup();
        if (event instanceof PairingEvent.Tick t) {
            if (t.nowMillis() >= s.deadlineMillis()) {
                return failed("no device acknowledged our pairing request within " + setup.timeout().toSeconds() + " s" + s.tally().explain());
            }
            if (t.nowMillis() >= s.nextSendMillis()) {
                return new Step(new PairingState.Requesting(setup, t.nowMillis() + setup.retransmit().toMillis(), s.deadlineMillis(), s.tally()), sendRequest(setup));
            }
            return new Step(s, List.of());
        }
        PairingEvent.Received r = (PairingEvent.Received) event;
        MessageCodec.Decoded decoded = new MessageCodec(setup.secret()).decode(r.payload());
        if (decoded instanceof MessageCodec.Decoded.Invalid bad) {
            return new Step(new PairingState.Requesting(setup, s.nextSendMillis(), s.deadlineMillis(), s.tally().with(bad.problem())), ignored(r, bad, s.tally()));
        }
        PairMessage message = ((MessageCodec.Decoded.Valid) decoded).message();
        if (!(message instanceof PairMessage.Acknowledge ack)) {
            return new Step(s, List.of()); // our own multicast Request echoed back, or a stray Done
        }
        if (!ack.session().equals(setup.session())) {
            return new Step(new PairingState.Requesting(setup, s.nextSendMillis(), s.deadlineMillis(), s.tally().withOtherSession()), List.of());
        }
        if (setup.expectedPeerKey().isPresent() && !setup.expectedPeerKey().get().equals(KeyFingerprint.of(ack.data().publicKey()))) {
            return new Step(new PairingState.Requesting(setup, s.nextSendMillis(), s.deadlineMillis(), s.tally().withWrongKey()),
                    s.tally().wrongKey() == 0
                            ? List.of(new Output.Note("ignored an acknowledgement from " + r.from() + ": its key " + KeyFingerprint.of(ack.data().publicKey())
                                    + " is not the QR code's " + setup.expectedPeerKey().get()))
                            : List.of());
        }
        Optional<byte[]> shared = setup.ephemeral().agree(ack.contribution());
        if (shared.isEmpty()) {
            return new Step(new PairingState.Requesting(setup, s.nextSendMillis(), s.deadlineMillis(), s.tally().with(MessageCodec.Problem.MALFORMED)),
                    List.of(new Output.Note("ignored an acknowledgement from " + r.from() + ": its key exchange value is degenerate")));
        }
        PairingResult result = new PairingResult(ack.data(), token(setup.secret(), setup.session(), setup.contribution(), ack.contribution(), shared.get()));
        PairingState next = new PairingState.Finishing(setup, result, ack, r.nowMillis() + setup.linger().toMillis());
        return new Step(next, List.of(sendDone(setup, ack, r.from()),
                new Output.Note("paired with " + ack.data().hostName() + " (" + r.from() + "); confirming")));
    }

    private static Step listening(PairingState.Listening s, PairingEvent event) {
        PairingSetup setup = s.setup();
        if (event instanceof PairingEvent.Tick t) {
            return t.nowMillis() >= s.deadlineMillis()
                    ? failed("no pairing request arrived within " + setup.timeout().toSeconds() + " s" + s.tally().explain())
                    : new Step(s, List.of());
        }
        PairingEvent.Received r = (PairingEvent.Received) event;
        MessageCodec.Decoded decoded = new MessageCodec(setup.secret()).decode(r.payload());
        if (decoded instanceof MessageCodec.Decoded.Invalid bad) {
            return new Step(new PairingState.Listening(setup, s.deadlineMillis(), s.tally().with(bad.problem())), ignored(r, bad, s.tally()));
        }
        if (!(((MessageCodec.Decoded.Valid) decoded).message() instanceof PairMessage.Request request)) {
            return new Step(s, List.of());
        }
        PairingState next = new PairingState.Acknowledging(setup, r.from(), request, r.nowMillis() + setup.retransmit().toMillis(), s.deadlineMillis(), s.tally());
        return new Step(next, List.of(sendAcknowledge(setup, request, r.from()),
                new Output.Note("pairing request from " + request.data().hostName() + " (" + r.from() + "); acknowledged")));
    }

    private static Step acknowledging(PairingState.Acknowledging s, PairingEvent event) {
        PairingSetup setup = s.setup();
        if (event instanceof PairingEvent.Tick t) {
            if (t.nowMillis() >= s.deadlineMillis()) {
                return failed(s.request().data().hostName() + " (" + s.peer() + ") requested pairing but never confirmed within "
                        + setup.timeout().toSeconds() + " s; nothing was stored" + s.tally().explain());
            }
            if (t.nowMillis() >= s.nextSendMillis()) {
                return new Step(withNextSend(s, t.nowMillis() + setup.retransmit().toMillis()), List.of(sendAcknowledge(setup, s.request(), s.peer())));
            }
            return new Step(s, List.of());
        }
        PairingEvent.Received r = (PairingEvent.Received) event;
        MessageCodec.Decoded decoded = new MessageCodec(setup.secret()).decode(r.payload());
        if (decoded instanceof MessageCodec.Decoded.Invalid bad) {
            return new Step(withTally(s, s.tally().with(bad.problem())), ignored(r, bad, s.tally()));
        }
        PairMessage message = ((MessageCodec.Decoded.Valid) decoded).message();
        if (!message.session().equals(s.request().session())) {
            return new Step(withTally(s, s.tally().withOtherSession()), List.of());
        }
        if (message instanceof PairMessage.Request) {
            return new Step(s, List.of(sendAcknowledge(setup, s.request(), s.peer())));
        }
        if (message instanceof PairMessage.Done done && done.acknowledgerContribution().equals(setup.contribution())) {
            Optional<byte[]> shared = setup.ephemeral().agree(s.request().contribution());
            if (shared.isEmpty()) {
                return failed(s.request().data().hostName() + " (" + s.peer() + ") sent a degenerate key exchange value; nothing was stored");
            }
            PairingResult result = new PairingResult(s.request().data(),
                    token(setup.secret(), s.request().session(), s.request().contribution(), setup.contribution(), shared.get()));
            return new Step(new PairingState.Paired(result), List.of(new Output.Note("paired with " + s.request().data().hostName() + " (" + s.peer() + ")")));
        }
        return new Step(s, List.of());
    }

    private static Step finishing(PairingState.Finishing s, PairingEvent event) {
        if (event instanceof PairingEvent.Tick t) {
            return t.nowMillis() >= s.lingerUntilMillis() ? new Step(new PairingState.Paired(s.result()), List.of()) : new Step(s, List.of());
        }
        PairingEvent.Received r = (PairingEvent.Received) event;
        MessageCodec.Decoded decoded = new MessageCodec(s.setup().secret()).decode(r.payload());
        if (decoded instanceof MessageCodec.Decoded.Valid v && v.message() instanceof PairMessage.Acknowledge ack
                && ack.session().equals(s.setup().session()) && ack.contribution().equals(s.acknowledge().contribution())) {
            return new Step(s, List.of(sendDone(s.setup(), ack, r.from())));
        }
        return new Step(s, List.of());
    }

    /**
     * Both sides compute this from the secret, the session, both contributions and their X25519 result; nobody
     * sends it.
     */
    static AuthToken token(SharedSecret secret, String session, String requesterContribution, String acknowledgerContribution, byte[] sharedDh) {
        byte[] transcript = HEX.parseHex(session + requesterContribution + acknowledgerContribution);
        byte[] salt = new byte[transcript.length + sharedDh.length];
        System.arraycopy(transcript, 0, salt, 0, transcript.length);
        System.arraycopy(sharedDh, 0, salt, transcript.length, sharedDh.length);
        return AuthToken.of(secret.expand(SharedSecret.Purpose.TOKEN, salt, 64));
    }

    private static List<Output> sendRequest(PairingSetup setup) {
        byte[] bytes = new MessageCodec(setup.secret()).encode(new PairMessage.Request(setup.session(), setup.ours(), setup.contribution()));
        List<Output> out = new ArrayList<>();
        for (InetSocketAddress target : setup.requestTargets()) {
            out.add(new Output.Send(target, bytes));
        }
        return out;
    }

    private static Output sendAcknowledge(PairingSetup setup, PairMessage.Request request, InetSocketAddress to) {
        return new Output.Send(to, new MessageCodec(setup.secret()).encode(new PairMessage.Acknowledge(request.session(), setup.ours(), setup.contribution())));
    }

    private static Output sendDone(PairingSetup setup, PairMessage.Acknowledge ack, InetSocketAddress to) {
        return new Output.Send(to, new MessageCodec(setup.secret()).encode(new PairMessage.Done(setup.session(), ack.contribution())));
    }

    /** Notes only the first unusable datagram of a kind: a wrong-secret peer retransmitting must not flood the log. */
    private static List<Output> ignored(PairingEvent.Received r, MessageCodec.Decoded.Invalid bad, PairingState.Tally before) {
        boolean first = bad.problem() == MessageCodec.Problem.BAD_MAC ? before.badMac() == 0
                : bad.problem() != MessageCodec.Problem.NOT_PAIRING && before.malformed() == 0;
        return first
                ? List.of(new Output.Note("ignored datagram from " + r.from() + ": " + bad.detail() + " (further ones are counted, not logged)"))
                : List.of();
    }

    private static Step failed(String reason) {
        return new Step(new PairingState.Failed(reason), List.of(new Output.Note("pairing failed: " + reason)));
    }

    private static PairingState.Acknowledging withNextSend(PairingState.Acknowledging s, long next) {
        return new PairingState.Acknowledging(s.setup(), s.peer(), s.request(), next, s.deadlineMillis(), s.tally());
    }

    private static PairingState.Acknowledging withTally(PairingState.Acknowledging s, PairingState.Tally tally) {
        return new PairingState.Acknowledging(s.setup(), s.peer(), s.request(), s.nextSendMillis(), s.deadlineMillis(), tally);
    }
}
