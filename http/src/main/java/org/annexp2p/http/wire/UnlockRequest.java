package org.annexp2p.http.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.control.Either;

/** One line of a keeplocked body: {@code {"unlock":false}} to keep holding, {@code {"unlock":true}} to let go. */
public final class UnlockRequest {
    private UnlockRequest() {}

    /** Maximum length of one line; a longer one is hostile, not a lock request. */
    public static final int MAX_LINE = 256;

    /** Right(unlock?) for a well-formed line; Left for anything else. */
    public static Either<String, Boolean> parse(String line) {
        if (line.length() > MAX_LINE) {
            return Either.left("unlock request too long");
        }
        try {
            JsonNode node = Reply.JSON.readTree(line);
            JsonNode unlock = node == null || !node.isObject() ? null : node.get("unlock");
            return unlock != null && unlock.isBoolean() ? Either.right(unlock.booleanValue())
                    : Either.left("bad unlock request");
        } catch (JsonProcessingException e) {
            return Either.left("bad unlock request");
        }
    }

    public static String encode(boolean unlock) {
        return "{\"unlock\":" + unlock + "}";
    }
}
