package org.annexp2p.http.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import org.annexp2p.http.wire.Refusal;
import org.annexp2p.http.wire.RequestParser;

/**
 * The event loop's part of a connection: hands each request to a worker with a body stream it keeps filling, and
 * never blocks. A request whose body has not fully arrived when it is answered closes the connection after the
 * answer (lingering: see {@link Lingering}), so unread body bytes are never taken for the next request.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {
    private final Requests requests;
    private final Executor workers;
    private final boolean secure;
    private final Duration idle;
    private RequestBody body;
    private ScheduledFuture<?> headDeadline;
    /** Requests whose head arrived on this connection: a deadline armed before the latest one is void. */
    private long started;

    RequestHandler(Requests requests, Executor workers, boolean secure, Duration idle) {
        this.requests = requests;
        this.workers = workers;
        this.secure = secure;
        this.idle = idle;
    }

    /**
     * A request's head must arrive whole within the idle time of when the connection could send it (opened, or the
     * last request answered): a client trickling its headers a byte at a time holds nothing for long.
     */
    private void armHeadDeadline(ChannelHandlerContext ctx) {
        long armedAt = started;
        headDeadline = ctx.executor().schedule(() -> {
            if (started == armedAt) {
                ctx.close();
            }
        }, idle.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        armHeadDeadline(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent e && e.state() == IdleState.READER_IDLE && (body == null || body.idleEnds())) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (Lingering.discarding(ctx.channel())) {
                return;
            }
            if (msg instanceof HttpRequest req) {
                start(ctx, req);
            }
            if (msg instanceof HttpContent content && body != null) {
                body.offer(content.content());
                if (msg instanceof LastHttpContent) {
                    body.end();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void start(ChannelHandlerContext ctx, HttpRequest req) {
        started++;
        if (headDeadline != null) {
            headDeadline.cancel(false);
        }
        RequestBody current = new RequestBody(ctx.channel(), () -> {
            try {
                ctx.executor().execute(() -> armHeadDeadline(ctx));
            } catch (RejectedExecutionException stopping) {
                // The server is stopping: no next request to wait for.
            }
        });
        body = current;
        // Before its headers are read: a malformed one (a Content-Length past a long's range) would throw here.
        if (req.decoderResult().isFailure()) {
            current.abort();
            new Responder(ctx.channel(), () -> false, idle).refuse(Refusal.badRequest("malformed request"));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        boolean bodyless = !HttpUtil.isTransferEncodingChunked(req) && HttpUtil.getContentLength(req, 0L) == 0;
        Responder out = new Responder(ctx.channel(), () -> keepAlive && (bodyless || current.complete()), idle);
        Requests.Incoming in = new Requests.Incoming(req.method().name(), req.uri(),
                Option.of(req.headers().get(RequestParser.DATA_LENGTH_HEADER)),
                Option.of(req.headers().get(HttpHeaderNames.AUTHORIZATION)), secure);
        try {
            workers.execute(() -> requests.handle(in, current, out));
        } catch (RejectedExecutionException e) {
            current.abort();
            out.refuse(Refusals.BUSY);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null) {
            body.abort();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
