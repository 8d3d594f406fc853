package org.annexp2p.http.wire;

/** A request refused before it reaches a repository: the HTTP status and a one-line reason for the body. */
public record Refusal(int status, String reason) {
    public static Refusal badRequest(String reason) {
        return new Refusal(400, reason);
    }

    public static Refusal notFound() {
        return new Refusal(404, "not found");
    }
}
