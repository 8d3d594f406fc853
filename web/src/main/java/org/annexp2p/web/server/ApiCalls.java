package org.annexp2p.web.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.annexp2p.transports.FailureWords;
import org.annexp2p.web.Call;
import org.annexp2p.web.Endpoint;
import org.annexp2p.web.Refused;
import org.annexp2p.web.Reply;

/**
 * Runs endpoints on a bounded pool of workers (when all are busy the request gets 503 at once rather than a place
 * in a queue) and writes their replies as JSON. A failure's message is shown as it is for {@link Refused}; any
 * other exception is one line that does not name its class.
 */
final class ApiCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RouteTable routes;
    private final ExecutorService workers;

    ApiCalls(RouteTable routes, ExecutorService workers) {
        this.routes = routes;
        this.workers = workers;
    }

    static ObjectMapper json() {
        return JSON;
    }

    void serve(String method, String path, Map<String, List<String>> parameters, FullHttpRequest request,
            Consumer<FullHttpResponse> reply) {
        Option<Endpoint> endpoint = routes.find(method, path);
        if (endpoint.isEmpty()) {
            reply.accept(routes.knows(path) ? error(405, "That address does not take " + method + ".")
                    : error(404, "No such endpoint: " + path));
            return;
        }
        JsonNode body = NullNode.getInstance();
        if (request.content().isReadable()) {
            String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
            if (!type.startsWith("application/json")) {
                reply.accept(error(415, "A request's body must be JSON."));
                return;
            }
            try {
                body = JSON.readTree(request.content().toString(StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                reply.accept(error(400, "The request's body is not valid JSON."));
                return;
            }
        }
        Map<String, String> query = new HashMap<>();
        parameters.forEach((name, values) -> query.put(name, values.get(values.size() - 1)));
        Call call = new Call(query, body);
        try {
            workers.execute(() -> reply.accept(run(endpoint.get(), call)));
        } catch (RejectedExecutionException e) {
            reply.accept(error(503, "The page is busy with other requests; try again in a moment."));
        }
    }

    private static FullHttpResponse run(Endpoint endpoint, Call call) {
        try {
            Reply answer = endpoint.answer(call);
            return Responses.of(answer.status(), "application/json", JSON.writeValueAsBytes(answer.json()));
        } catch (Refused e) {
            return error(e.status(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "The page is stopping.");
        } catch (Exception e) {
            return error(500, "Failed: " + FailureWords.of(e));
        }
    }

    static FullHttpResponse error(int status, String message) {
        try {
            return Responses.of(status, "application/json", JSON.writeValueAsBytes(Map.of("error", message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
