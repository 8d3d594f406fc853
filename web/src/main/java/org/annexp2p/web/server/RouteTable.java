package org.annexp2p.web.server;

import io.vavr.control.Option;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.annexp2p.web.Endpoint;
import org.annexp2p.web.Routes;
import org.annexp2p.web.Section;

/** Every section's endpoints, by method and path ({@code GET /api/status/summary}); filled before serving. */
final class RouteTable {
    static final String API = "/api/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    private final Map<String, Endpoint> endpoints = new HashMap<>();

    void add(Section section) {
        String id = section.id();
        if (!NAME.matcher(id).matches() || id.equals("events")) {
            throw new IllegalArgumentException("a section's id must be lower case letters, digits and dashes, not 'events': " + id);
        }
        section.register(new Routes() {
            @Override
            public void get(String name, Endpoint endpoint) {
                put("GET", id, name, endpoint);
            }

            @Override
            public void post(String name, Endpoint endpoint) {
                put("POST", id, name, endpoint);
            }
        });
    }

    private void put(String method, String id, String name, Endpoint endpoint) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an endpoint's name must be lower case letters, digits and dashes: " + name);
        }
        if (endpoints.putIfAbsent(method + " " + API + id + "/" + name, endpoint) != null) {
            throw new IllegalArgumentException("two endpoints at " + method + " " + API + id + "/" + name);
        }
    }

    Option<Endpoint> find(String method, String path) {
        return Option.of(endpoints.get(method + " " + path));
    }

    /** Whether some method serves the path (to tell 405 from 404). */
    boolean knows(String path) {
        return endpoints.containsKey("GET " + path) || endpoints.containsKey("POST " + path);
    }
}
