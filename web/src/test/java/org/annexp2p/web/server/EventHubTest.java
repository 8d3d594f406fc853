package org.annexp2p.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventHubTest {
    private final EventHub hub = new EventHub(new ObjectMapper());

    /**
     * A page that has read the stream's first line may act at once, and what its action publishes must reach it.
     * The reaction is simulated at the moment the line is written, which is the earliest a page could see it.
     */
    @Test
    void aStreamHasJoinedBeforeItsFirstLineIsWritten() {
        List<String> written = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            private boolean reacted;

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof HttpContent content) {
                    String text = content.content().toString(StandardCharsets.UTF_8);
                    written.add(text);
                    if (text.startsWith("retry:") && !reacted) {
                        reacted = true;
                        hub.publish("page.acted", Map.of("n", 1));
                    }
                } else if (msg instanceof HttpResponse head) {
                    written.add("head " + head.headers().get("Content-Type"));
                }
                ctx.write(msg, promise);
            }
        });

        hub.start(channel);

        assertThat(written).contains("head text/event-stream; charset=utf-8", "retry: 2000\n\n",
                "data: {\"type\":\"page.acted\",\"n\":1}\n\n");
        assertThat(hub.open()).isEqualTo(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void aClosedStreamLeavesTheHub() {
        EmbeddedChannel channel = new EmbeddedChannel();
        hub.start(channel);
        assertThat(hub.open()).isEqualTo(1);

        channel.close();

        assertThat(hub.open()).isZero();
        hub.publish("after.close", Map.of("n", 2));
        List<Object> out = new ArrayList<>();
        for (Object m; (m = channel.readOutbound()) != null; ) {
            out.add(m instanceof HttpContent c ? c.content().toString(StandardCharsets.UTF_8) : m);
            if (m instanceof HttpContent c) {
                c.release();
            } else if (m instanceof ByteBuf b) {
                b.release();
            }
        }
        assertThat(out).noneMatch(m -> m.toString().contains("after.close"));
    }
}
