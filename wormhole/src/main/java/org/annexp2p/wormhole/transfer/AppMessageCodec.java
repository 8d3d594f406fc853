package org.annexp2p.wormhole.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.annexp2p.wormhole.PeerProtocolException;
import org.annexp2p.wormhole.transit.TcpHint;
import org.annexp2p.wormhole.transit.TransitHints;

/** {@link AppMessage}s to and from the JSON the Python CLI exchanges (reference §5.1). */
public final class AppMessageCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AppMessageCodec() {
    }

    public static byte[] encode(AppMessage message) {
        ObjectNode o = JSON.createObjectNode();
        if (message instanceof AppMessage.Transit t) {
            ObjectNode transit = o.putObject("transit");
            ArrayNode abilities = transit.putArray("abilities-v1");
            abilities.addObject().put("type", "direct-tcp-v1");
            abilities.addObject().put("type", "relay-v1");
            ArrayNode hints = transit.putArray("hints-v1");
            t.hints().direct().forEach(h -> putTcp(hints.addObject(), h));
            if (!t.hints().relays().isEmpty()) {
                ObjectNode relay = hints.addObject().put("type", "relay-v1");
                ArrayNode inner = relay.putArray("hints");
                t.hints().relays().forEach(h -> putTcp(inner.addObject(), h));
            }
        } else if (message instanceof AppMessage.TextOffer t) {
            o.putObject("offer").put("message", t.message());
        } else if (message instanceof AppMessage.FileOffer f) {
            o.putObject("offer").putObject("file").put("filename", f.filename()).put("filesize", f.filesize());
        } else if (message instanceof AppMessage.DirectoryOffer d) {
            o.putObject("offer").putObject("directory").put("mode", "zipfile/deflated").put("dirname", d.dirname());
        } else if (message instanceof AppMessage.MessageAck a) {
            o.putObject("answer").put("message_ack", a.ack());
        } else if (message instanceof AppMessage.FileAck a) {
            o.putObject("answer").put("file_ack", a.ack());
        } else if (message instanceof AppMessage.Error e) {
            o.put("error", e.error());
        } else if (message instanceof AppMessage.Ignored i) {
            i.keys().forEach(k -> o.putObject(k));
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static AppMessage decode(byte[] plaintext) throws PeerProtocolException {
        JsonNode root;
        try {
            root = JSON.readTree(new String(plaintext, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new PeerProtocolException("the other side sent a malformed message");
        }
        if (root == null || !root.isObject()) {
            throw new PeerProtocolException("the other side sent a message that is not a JSON object");
        }
        if (root.has("error")) {
            return new AppMessage.Error(root.get("error").asText(root.get("error").toString()));
        }
        if (root.has("transit")) {
            return new AppMessage.Transit(hints(root.get("transit")));
        }
        if (root.has("offer")) {
            return offer(root.get("offer"));
        }
        if (root.has("answer")) {
            JsonNode answer = root.get("answer");
            if (answer.path("message_ack").isTextual()) {
                return new AppMessage.MessageAck(answer.get("message_ack").asText());
            }
            if (answer.path("file_ack").isTextual()) {
                return new AppMessage.FileAck(answer.get("file_ack").asText());
            }
            throw new PeerProtocolException("the other side sent an answer we do not understand");
        }
        Set<String> keys = new HashSet<>();
        root.fieldNames().forEachRemaining(keys::add);
        return new AppMessage.Ignored(keys);
    }

    private static AppMessage offer(JsonNode offer) throws PeerProtocolException {
        if (offer.path("message").isTextual()) {
            return new AppMessage.TextOffer(offer.get("message").asText());
        }
        JsonNode file = offer.path("file");
        if (file.isObject()) {
            JsonNode name = file.path("filename");
            JsonNode size = file.path("filesize");
            if (!name.isTextual() || !size.canConvertToExactIntegral() || !size.canConvertToLong() || size.asLong() < 0) {
                throw new PeerProtocolException("the other side offered a file without a valid name and size");
            }
            return new AppMessage.FileOffer(name.asText(), size.asLong());
        }
        JsonNode dir = offer.path("directory");
        if (dir.isObject()) {
            return new AppMessage.DirectoryOffer(dir.path("dirname").asText(""));
        }
        throw new PeerProtocolException("the other side made an offer we do not understand");
    }

    /** Hints we cannot use (wrong types, Tor) are dropped silently, as Python does. */
    private static TransitHints hints(JsonNode transit) {
        List<TcpHint> direct = new ArrayList<>();
        List<TcpHint> relays = new ArrayList<>();
        for (JsonNode h : transit.path("hints-v1")) {
            String type = h.path("type").asText("");
            if (type.equals("direct-tcp-v1")) {
                tcp(h).ifPresent(direct::add);
            } else if (type.equals("relay-v1")) {
                for (JsonNode inner : h.path("hints")) {
                    if (inner.path("type").asText("").equals("direct-tcp-v1")) {
                        tcp(inner).ifPresent(relays::add);
                    }
                }
            }
        }
        return new TransitHints(direct, relays);
    }

    private static java.util.Optional<TcpHint> tcp(JsonNode h) {
        JsonNode host = h.path("hostname");
        JsonNode port = h.path("port");
        if (!host.isTextual() || !port.isInt() || host.asText().isEmpty() || port.asInt() < 1 || port.asInt() > 65535) {
            return java.util.Optional.empty();
        }
        double priority = h.path("priority").isNumber() ? h.get("priority").asDouble() : 0.0;
        return java.util.Optional.of(new TcpHint(host.asText(), port.asInt(), priority));
    }

    private static void putTcp(ObjectNode node, TcpHint h) {
        node.put("type", "direct-tcp-v1").put("priority", h.priority()).put("hostname", h.host()).put("port", h.port());
    }
}
