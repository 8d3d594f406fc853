package org.annexp2p.web.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.annexp2p.web.Events;

/**
 * The open event streams. An event is written to every stream at once; a stream whose connection cannot take it
 * (its reader is too slow and the outbound buffer is full) is closed rather than buffered without bound — the page
 * reconnects and reloads its state.
 */
final class EventHub implements Events {
    private final ObjectMapper json;
    private final Set<Channel> streams = ConcurrentHashMap.newKeySet();

    EventHub(ObjectMapper json) {
        this.json = json;
    }

    void subscribe(Channel channel) {
        streams.add(channel);
        channel.closeFuture().addListener(f -> streams.remove(channel));
    }

    @Override
    public void publish(String type, Map<String, ?> fields) {
        if (fields.containsKey("type")) {
            throw new IllegalArgumentException("an event's fields must not contain 'type'");
        }
        ObjectNode event = json.createObjectNode().put("type", type);
        event.setAll(json.<ObjectNode>valueToTree(fields));
        try {
            send("data: " + json.writeValueAsString(event) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an event that cannot be written as JSON: " + type, e);
        }
    }

    /** A comment line: keeps idle streams open through proxies and finds the ones whose page has gone. */
    void heartbeat() {
        send(": still here\n\n");
    }

    int open() {
        return streams.size();
    }

    private void send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (Channel stream : streams) {
            if (stream.isWritable()) {
                stream.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
            } else {
                stream.close();
            }
        }
    }
}
