package org.annexp2p.web.server;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's files, read from the jar's {@code org/annexp2p/web/static} folder once and kept. {@code index.html}
 * gets the page's CSRF token in place of {@value #CSRF_MARK} (in a meta tag, where {@code app.js} reads it).
 */
final class StaticFiles {
    static final String CSRF_MARK = "{{csrf}}";
    private static final String FOLDER = "/org/annexp2p/web/static/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    record File(String type, byte[] bytes) {
    }

    private final String csrf;
    private final Map<String, Option<File>> read = new ConcurrentHashMap<>();

    StaticFiles(String csrf) {
        this.csrf = csrf;
    }

    /** The file of that name (as {@link StaticPath} gave it), if the folder has it and its kind is one we serve. */
    Option<File> get(String name) {
        return read.computeIfAbsent(name, this::load);
    }

    private Option<File> load(String name) {
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            return Option.none();
        }
        try (InputStream in = StaticFiles.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return Option.none();
            }
            byte[] bytes = in.readAllBytes();
            if (name.equals("index.html")) {
                bytes = new String(bytes, StandardCharsets.UTF_8).replace(CSRF_MARK, csrf).getBytes(StandardCharsets.UTF_8);
            }
            return Option.some(new File(type, bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page's file " + name, e);
        }
    }
}
