package org.annexp2p.web.server;

import io.vavr.control.Option;
import java.util.regex.Pattern;

/**
 * Which file of the jar's static folder a request path names, if any. Only plain names are accepted: segments of
 * letters, digits, {@code -} and {@code _} joined by single dots, so {@code ..}, a leading dot, a percent escape
 * (an encoded dot or slash), a backslash or an empty segment never names a file and nothing outside the folder
 * can be reached, however the path was spelt.
 */
final class StaticPath {
    static final String PREFIX = "/static/";
    private static final Pattern NAME = Pattern.compile("(?:[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*/)*[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)+");

    private StaticPath() {
    }

    /** The file's name relative to the static folder, for a path (without its query) the page serves files at. */
    static Option<String> file(String path) {
        if (path.equals("/") || path.equals("/index.html")) {
            return Option.some("index.html");
        }
        if (!path.startsWith(PREFIX)) {
            return Option.none();
        }
        String name = path.substring(PREFIX.length());
        return NAME.matcher(name).matches() ? Option.some(name) : Option.none();
    }
}
