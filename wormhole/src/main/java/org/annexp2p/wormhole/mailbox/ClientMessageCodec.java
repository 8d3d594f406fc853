package org.annexp2p.wormhole.mailbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.Optional;
import org.annexp2p.wormhole.PeerProtocolException;

/** {@link ClientMessage}s to JSON frames (with the 4-hex-char {@code id} the server echoes in acks) and back. */
final class ClientMessageCodec {

    static final String CLIENT_IMPLEMENTATION = "annex-p2p-java";
    static final String CLIENT_VERSION = "0.1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientMessageCodec() {
    }

    public static String encode(ClientMessage message, String id) {
        ObjectNode o = JSON.createObjectNode();
        if (message instanceof ClientMessage.Bind b) {
            o.put("type", "bind").put("appid", b.appId()).put("side", b.side());
            o.putArray("client_version").add(CLIENT_IMPLEMENTATION).add(CLIENT_VERSION);
        } else if (message instanceof ClientMessage.ListNameplates l) {
            o.put("type", "list");
        } else if (message instanceof ClientMessage.Allocate a) {
            o.put("type", "allocate");
        } else if (message instanceof ClientMessage.Claim c) {
            o.put("type", "claim").put("nameplate", c.nameplate());
        } else if (message instanceof ClientMessage.Release r) {
            o.put("type", "release");
            r.nameplate().ifPresent(n -> o.put("nameplate", n));
        } else if (message instanceof ClientMessage.Open op) {
            o.put("type", "open").put("mailbox", op.mailbox());
        } else if (message instanceof ClientMessage.Add a) {
            o.put("type", "add").put("phase", a.phase()).put("body", HexFormat.of().formatHex(a.body()));
        } else if (message instanceof ClientMessage.Close c) {
            o.put("type", "close").put("mailbox", c.mailbox()).put("mood", c.mood());
        } else if (message instanceof ClientMessage.Ping p) {
            o.put("type", "ping").put("ping", p.ping());
        }
        o.put("id", id);
        return o.toString();
    }

    /** The inverse of {@link #encode}; a fake or logging server needs it, and it keeps the encoder honest. */
    public static ClientMessage decode(String frame) throws PeerProtocolException {
        JsonNode o;
        try {
            o = JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new PeerProtocolException("malformed JSON from client");
        }
        if (o == null || !o.isObject()) {
            throw new PeerProtocolException("client message is not a JSON object");
        }
        String type = text(o, "type");
        return switch (type) {
            case "bind" -> new ClientMessage.Bind(text(o, "appid"), text(o, "side"));
            case "list" -> new ClientMessage.ListNameplates();
            case "allocate" -> new ClientMessage.Allocate();
            case "claim" -> new ClientMessage.Claim(text(o, "nameplate"));
            case "release" -> new ClientMessage.Release(o.path("nameplate").isTextual()
                    ? Optional.of(o.get("nameplate").asText()) : Optional.empty());
            case "open" -> new ClientMessage.Open(text(o, "mailbox"));
            case "add" -> {
                try {
                    yield new ClientMessage.Add(text(o, "phase"), HexFormat.of().parseHex(text(o, "body")));
                } catch (IllegalArgumentException e) {
                    throw new PeerProtocolException("add body is not hex");
                }
            }
            case "close" -> new ClientMessage.Close(text(o, "mailbox"), text(o, "mood"));
            case "ping" -> {
                if (!o.path("ping").canConvertToLong()) {
                    throw new PeerProtocolException("ping requires 'ping'");
                }
                yield new ClientMessage.Ping(o.get("ping").asLong());
            }
            default -> throw new PeerProtocolException("unknown type");
        };
    }

    private static String text(JsonNode o, String field) throws PeerProtocolException {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new PeerProtocolException("client message lacks the text field '" + field + "'");
        }
        return v.asText();
    }
}
