package org.annexp2p.wormhole.mailbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.annexp2p.wormhole.PeerProtocolException;

/** JSON text frames from the mailbox server to {@link ServerMessage}s and back (the latter for tests and fakes). */
final class ServerMessageCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerMessageCodec() {
    }

    public static ServerMessage decode(String frame) throws PeerProtocolException {
        JsonNode root;
        try {
            root = JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new PeerProtocolException("mailbox server sent malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw new PeerProtocolException("mailbox server sent a non-object message");
        }
        String type = text(root, "type");
        return switch (type) {
            case "welcome" -> welcome(root.get("welcome"));
            case "ack" -> new ServerMessage.Ack(optionalText(root, "id"));
            case "allocated" -> new ServerMessage.Allocated(text(root, "nameplate"));
            case "claimed" -> new ServerMessage.Claimed(text(root, "mailbox"));
            case "released" -> new ServerMessage.Released();
            case "closed" -> new ServerMessage.Closed();
            case "nameplates" -> nameplates(root.get("nameplates"));
            case "message" -> new ServerMessage.Message(text(root, "side"), text(root, "phase"), hex(text(root, "body")));
            case "error" -> new ServerMessage.Error(text(root, "error"),
                    root.path("orig").isObject() ? root.path("orig").path("type").asText("?") : "?");
            case "pong" -> new ServerMessage.Pong(root.path("pong").asLong());
            default -> new ServerMessage.Unknown(type);
        };
    }

    public static String encode(ServerMessage message) {
        ObjectNode o = JSON.createObjectNode();
        if (message instanceof ServerMessage.Welcome w) {
            o.put("type", "welcome");
            ObjectNode inner = o.putObject("welcome");
            w.motd().ifPresent(v -> inner.put("motd", v));
            w.error().ifPresent(v -> inner.put("error", v));
            w.currentCliVersion().ifPresent(v -> inner.put("current_cli_version", v));
        } else if (message instanceof ServerMessage.Ack a) {
            o.put("type", "ack");
            a.id().ifPresentOrElse(v -> o.put("id", v), () -> o.putNull("id"));
        } else if (message instanceof ServerMessage.Allocated a) {
            o.put("type", "allocated").put("nameplate", a.nameplate());
        } else if (message instanceof ServerMessage.Claimed c) {
            o.put("type", "claimed").put("mailbox", c.mailbox());
        } else if (message instanceof ServerMessage.Released r) {
            o.put("type", "released");
        } else if (message instanceof ServerMessage.Closed c) {
            o.put("type", "closed");
        } else if (message instanceof ServerMessage.Nameplates n) {
            o.put("type", "nameplates");
            var array = o.putArray("nameplates");
            n.nameplates().forEach(id -> array.addObject().put("id", id));
        } else if (message instanceof ServerMessage.Message m) {
            o.put("type", "message").put("side", m.side()).put("phase", m.phase())
                    .put("body", HexFormat.of().formatHex(m.body()));
        } else if (message instanceof ServerMessage.Error e) {
            o.put("type", "error").put("error", e.error());
            o.putObject("orig").put("type", e.command());
        } else if (message instanceof ServerMessage.Pong p) {
            o.put("type", "pong").put("pong", p.pong());
        } else if (message instanceof ServerMessage.Unknown u) {
            o.put("type", u.type());
        }
        return o.toString();
    }

    private static ServerMessage welcome(JsonNode w) throws PeerProtocolException {
        if (w == null || !w.isObject()) {
            throw new PeerProtocolException("mailbox server sent a welcome without a 'welcome' object");
        }
        return new ServerMessage.Welcome(optionalText(w, "motd"), optionalText(w, "error"), optionalText(w, "current_cli_version"));
    }

    private static ServerMessage nameplates(JsonNode list) throws PeerProtocolException {
        if (list == null || !list.isArray()) {
            throw new PeerProtocolException("mailbox server sent 'nameplates' without a list");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode n : list) {
            JsonNode id = n.get("id");
            if (id == null || !id.isTextual()) {
                throw new PeerProtocolException("mailbox server sent a nameplate without an id");
            }
            ids.add(id.asText());
        }
        return new ServerMessage.Nameplates(ids);
    }

    private static String text(JsonNode o, String field) throws PeerProtocolException {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new PeerProtocolException("mailbox server message lacks the text field '" + field + "'");
        }
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static byte[] hex(String s) throws PeerProtocolException {
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new PeerProtocolException("mailbox message body is not hex");
        }
    }
}
