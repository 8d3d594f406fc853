package org.annexp2p.wormhole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.wormhole.code.Code;
import org.annexp2p.wormhole.crypto.DecryptionException;
import org.annexp2p.wormhole.crypto.SessionKey;
import org.annexp2p.wormhole.mailbox.MailboxClient;
import org.annexp2p.wormhole.mailbox.ServerMessage;
import org.annexp2p.wormhole.spake2.Spake2Exception;
import org.annexp2p.wormhole.spake2.Spake2Symmetric;
import org.annexp2p.wormhole.transfer.AppMessage;
import org.annexp2p.wormhole.transfer.AppMessageCodec;

/**
 * One wormhole up to a confirmed key: nameplate, mailbox, SPAKE2, the version phase, then numbered,
 * encrypted application messages in order. Closing records a mood on the server.
 */
final class Session implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] VERSION = "{\"app_versions\": {}}".getBytes(StandardCharsets.UTF_8);

    private final MailboxClient mailbox;
    private final SessionKey key;
    private final String peerSide;
    private final WormholeOptions options;
    private final Map<String, byte[]> pending;
    private int nextOut;
    private int nextIn;

    private Session(MailboxClient mailbox, SessionKey key, String peerSide, WormholeOptions options, Map<String, byte[]> pending) {
        this.mailbox = mailbox;
        this.key = key;
        this.peerSide = peerSide;
        this.options = options;
        this.pending = pending;
    }

    /**
     * Opens a wormhole with the given code, or allocates a nameplate and makes one (handed to
     * {@code onCode} as soon as it exists, before the peer shows up).
     */
    static Session open(WormholeOptions options, Optional<Code> given, Consumer<Code> onCode) throws WormholeException {
        Rendezvous rendezvous = Rendezvous.begin(options, given);
        try {
            onCode.accept(rendezvous.code());
        } catch (RuntimeException e) {
            rendezvous.abandon("errory");
            throw e;
        }
        return rendezvous.complete();
    }

    /** The rest of {@link #open} once the nameplate is claimed: SPAKE2, then the version phase confirms the key. */
    static Session confirm(MailboxClient mailbox, Code code, WormholeOptions options) throws WormholeException {
        try {
            Spake2Symmetric spake = Spake2Symmetric.start(code.value().getBytes(StandardCharsets.UTF_8),
                    options.appId().getBytes(StandardCharsets.UTF_8));
            mailbox.add("pake", pakeBody(spake.outboundMessage()));
            Map<String, byte[]> pending = new HashMap<>();
            ServerMessage.Message pake = awaitPhase(mailbox, options, "pake", pending);
            String peerSide = pake.side();
            SessionKey key = new SessionKey(finish(spake, pake.body()));
            // Python releases as soon as the peer is here; a lingering nameplate would block reuse of the number.
            mailbox.release(code.nameplate());
            mailbox.add("version", key.phaseBox(mailbox.side(), "version").seal(VERSION));
            byte[] version = pending.containsKey("version") ? pending.remove("version")
                    : awaitPhase(mailbox, options, "version", pending).body();
            try {
                key.phaseBox(peerSide, "version").open(version);
            } catch (DecryptionException e) {
                mailbox.closeMailbox("scary");
                throw new WrongCodeException();
            }
            return new Session(mailbox, key, peerSide, options, pending);
        } catch (WormholeException | RuntimeException e) {
            mailbox.closeMailbox("errory");
            throw e;
        }
    }

    private static ServerMessage.Message awaitPhase(MailboxClient mailbox, WormholeOptions options, String phase,
                                                    Map<String, byte[]> others) throws WormholeException {
        while (true) {
            ServerMessage.Message m = mailbox.nextPeerMessage(options.peerTimeout());
            if (m.phase().equals(phase)) {
                return m;
            }
            others.put(m.phase(), m.body());
        }
    }

    private static byte[] pakeBody(byte[] spakeMessage) {
        return JSON.createObjectNode().put("pake_v1", HexFormat.of().formatHex(spakeMessage)).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] finish(Spake2Symmetric spake, byte[] body) throws PeerProtocolException {
        try {
            JsonNode pake = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            if (pake == null || !pake.path("pake_v1").isTextual()) {
                throw new PeerProtocolException("the other side's key-exchange message has no pake_v1");
            }
            return spake.finish(HexFormat.of().parseHex(pake.get("pake_v1").asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new PeerProtocolException("the other side's key-exchange message is malformed");
        } catch (Spake2Exception e) {
            throw new PeerProtocolException("the other side's key-exchange message is unusable: " + e.getMessage());
        }
    }

    SessionKey key() {
        return key;
    }

    String verifier() {
        return key.verifier();
    }

    void send(AppMessage message) throws WormholeException {
        sendRaw(AppMessageCodec.encode(message));
    }

    /** The peer's next application message, strictly in phase order as Python delivers them. */
    AppMessage receive() throws WormholeException {
        return AppMessageCodec.decode(receiveRaw());
    }

    /** Sends {@code body} as the next numbered phase, encrypted; what the library API's send_message does. */
    void sendRaw(byte[] body) throws WormholeException {
        String phase = Integer.toString(nextOut++);
        mailbox.add(phase, key.phaseBox(mailbox.side(), phase).seal(body));
    }

    /** The peer's next numbered phase, decrypted, as the library API's get_message returns it. */
    byte[] receiveRaw() throws WormholeException {
        String want = Integer.toString(nextIn);
        while (!pending.containsKey(want)) {
            ServerMessage.Message m = mailbox.nextPeerMessage(options.peerTimeout());
            if (m.side().equals(peerSide)) {
                pending.put(m.phase(), m.body());
            }
        }
        nextIn++;
        try {
            return key.phaseBox(peerSide, want).open(pending.remove(want));
        } catch (DecryptionException e) {
            throw new PeerProtocolException("a message from the other side failed authentication (tampering?)");
        }
    }

    void close(String mood) {
        mailbox.closeMailbox(mood);
    }

    @Override
    public void close() {
        mailbox.closeMailbox("errory");
    }
}
