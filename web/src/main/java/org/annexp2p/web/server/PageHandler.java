package org.annexp2p.web.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One connection's requests, on the event loop: the {@link Gate} first, then the page's files (served here, from
 * memory), the event stream, or an endpoint (handed to {@link ApiCalls}, off the event loop). A connection must
 * bring a whole request within the idle time of opening or of its last answer, else it is closed; an event stream
 * is exempt, it only listens.
 */
final class PageHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String EVENTS = "/api/events";

    private final Gate gate;
    private final ConnectionLimits limits;
    private final StaticFiles files;
    private final EventHub events;
    private final ApiCalls api;
    private final Duration idle;
    private long requests;
    private boolean streaming;

    PageHandler(Gate gate, ConnectionLimits limits, StaticFiles files, EventHub events, ApiCalls api, Duration idle) {
        this.gate = gate;
        this.limits = limits;
        this.files = files;
        this.events = events;
        this.api = api;
        this.idle = idle;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!limits.admit(ctx.channel())) {
            ctx.close();
            return;
        }
        armDeadline(ctx);
        ctx.fireChannelActive();
    }

    private void armDeadline(ChannelHandlerContext ctx) {
        long armedAt = requests;
        EventExecutor loop = ctx.executor();
        loop.schedule(() -> {
            if (requests == armedAt && !streaming) {
                ctx.close();
            }
        }, idle.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        requests++;
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        DecoderResult decoded = request.decoderResult();
        if (!decoded.isSuccess()) {
            answer(ctx, Responses.text(400, "That request could not be read."), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.rawPath();
        String method = request.method().name();
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        Verdict verdict = gate.judge(method, path, uri.parameters(), headers);
        if (verdict instanceof Verdict.Refuse refuse) {
            answer(ctx, refusal(path, refuse.status(), refuse.message()), false);
            return;
        }
        if (verdict instanceof Verdict.Enter enter) {
            FullHttpResponse redirect = Responses.text(303, "Go on to " + enter.location());
            redirect.headers().set(HttpHeaderNames.SET_COOKIE, enter.setCookie());
            redirect.headers().set(HttpHeaderNames.LOCATION, enter.location());
            answer(ctx, redirect, keepAlive);
            return;
        }
        limits.proven(ctx.channel());
        if (path.equals(EVENTS) && method.equals("GET")) {
            stream(ctx);
        } else if (path.startsWith(RouteTable.API)) {
            api.serve(method, path, uri.parameters(), request, response -> {
                EventExecutor loop = ctx.executor();
                loop.execute(() -> answer(ctx, response, keepAlive));
            });
        } else if (!method.equals("GET")) {
            answer(ctx, Responses.text(405, "Only GET is served here."), keepAlive);
        } else {
            answer(ctx, StaticPath.file(path).flatMap(files::get)
                    .map(file -> Responses.of(200, file.type(), file.bytes()))
                    .getOrElse(() -> Responses.text(404, "No such page: go back to the start page.")), keepAlive);
        }
    }

    private static FullHttpResponse refusal(String path, int status, String message) {
        return path.startsWith(RouteTable.API) ? ApiCalls.error(status, message) : Responses.text(status, message);
    }

    private void stream(ChannelHandlerContext ctx) {
        streaming = true;
        events.start(ctx.channel());
    }

    private void answer(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (!ctx.channel().isActive()) {
            response.release();
            return;
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
            armDeadline(ctx);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
