package org.annexp2p.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Map;

/**
 * One request as an endpoint sees it: the query's parameters (the last value of each) and, for a POST, its JSON
 * body ({@link NullNode} when there is none).
 */
public record Call(Map<String, String> query, JsonNode body) {

    public Call {
        query = Map.copyOf(query);
    }

    /** The named text from the body, else from the query; a missing one is a 400 that names it. */
    public String text(String name) throws Refused {
        JsonNode field = body.get(name);
        if (field != null && field.isTextual()) {
            return field.asText();
        }
        String value = query.get(name);
        if (value == null) {
            throw new Refused(400, "the request lacks '" + name + "'");
        }
        return value;
    }
}
