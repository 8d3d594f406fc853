package org.annexp2p.http.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.annexp2p.http.wire.Refusal;
import org.annexp2p.http.wire.RequestParser;
import org.annexp2p.repository.FileRegion;
import org.annexp2p.transports.tcp.FileSlice;

/**
 * Writes one response from a worker thread: a whole JSON or error response, or a streamed body whose writer
 * waits while the client is not reading (bounded memory). {@code keepAlive} says whether the connection may
 * carry another request afterwards; otherwise it is closed once the response is out.
 */
final class Responder implements ContentSink {
    private final Channel channel;
    private final BooleanSupplier keepAlive;
    /** How long a body write waits for a client that does not read before the connection is closed. */
    private final Duration patience;
    private boolean responded;
    private boolean closeAfter;

    Responder(Channel channel, BooleanSupplier keepAlive, Duration patience) {
        this.channel = channel;
        this.patience = patience;
        this.keepAlive = keepAlive;
    }

    boolean responded() {
        return responded;
    }

    void json(String json) {
        full(HttpResponseStatus.OK, "application/json; charset=utf-8", json);
    }

    void refuse(Refusal refusal) {
        FullHttpResponse r = response(HttpResponseStatus.valueOf(refusal.status()), "text/plain; charset=utf-8", refusal.reason() + "\n");
        if (refusal.status() == 401) {
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, Refusals.CHALLENGE);
        }
        send(r, false);
    }

    void full(HttpResponseStatus status, String type, String body) {
        send(response(status, type, body), keepAlive.getAsBoolean());
    }

    /** Closes the connection without another byte: a response that began cannot take back what it said. */
    void abort() {
        responded = true;
        channel.close();
    }

    private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        return r;
    }

    private void send(FullHttpResponse r, boolean keep) {
        responded = true;
        if (!keep) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture f = channel.writeAndFlush(r);
        if (!keep) {
            f.addListener(Lingering.CLOSE);
        }
    }

    @Override
    public OutputStream begin(long length) {
        responded = true;
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
        r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        r.headers().set(RequestParser.DATA_LENGTH_HEADER, Long.toString(length));
        closeAfter = !keepAlive.getAsBoolean();
        if (closeAfter) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        channel.writeAndFlush(r);
        return new Chunks();
    }

    @Override
    public Optional<FileRegion.Sender> fileSender() {
        return channel.pipeline().get(SslHandler.class) == null ? Optional.of(this::sendFile) : Optional.empty();
    }

    /**
     * One write of the whole stretch, which the event loop moves with sendfile as the socket takes it; the wait
     * ends the connection only when no byte moved for as long as a client may keep from reading.
     */
    private long sendFile(FileChannel file, long position, long count) throws IOException {
        if (!channel.isActive()) {
            throw new IOException("the client went away");
        }
        FileSlice slice = new FileSlice(file, position, count);
        ChannelFuture f = channel.writeAndFlush(slice);
        for (long moved = 0; !f.awaitUninterruptibly(patience.toMillis()); moved = slice.transferred()) {
            if (slice.transferred() == moved) {
                channel.close();
                throw new IOException("the client stopped reading");
            }
        }
        if (!f.isSuccess()) {
            throw new IOException("the client went away");
        }
        return count;
    }

    @Override
    public void end() {
        ChannelFuture f = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (closeAfter || !keepAlive.getAsBoolean()) {
            f.addListener(Lingering.CLOSE);
        }
    }

    /** Body chunks; a write waits for the socket while the channel's outbound buffer is over its high-water mark. */
    private final class Chunks extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!channel.isActive()) {
                throw new IOException("the client went away");
            }
            ChannelFuture f = channel.writeAndFlush(new DefaultHttpContent(channel.alloc().buffer(len).writeBytes(b, off, len)));
            if (!channel.isWritable()) {
                if (!f.awaitUninterruptibly(patience.toMillis())) {
                    channel.close();
                    throw new IOException("the client stopped reading");
                }
                if (!f.isSuccess()) {
                    throw new IOException("the client went away");
                }
            }
        }
    }
}
