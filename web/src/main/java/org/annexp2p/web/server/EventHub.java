package org.annexp2p.web.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
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

    /**
     * Makes this connection an event stream: its head and the reconnection delay, after it has joined the streams.
     * Joined first, because a page that has read the stream's first line may act at once, and the events its
     * action publishes (from other threads, queued behind this write on the connection's event loop) must reach it.
     */
    void start(Channel channel) {
        streams.add(channel);
        channel.closeFuture().addListener(f -> streams.remove(channel));
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        Responses.secure(head.headers());
        channel.write(head);
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("retry: 2000\n\n", StandardCharsets.UTF_8)));
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
