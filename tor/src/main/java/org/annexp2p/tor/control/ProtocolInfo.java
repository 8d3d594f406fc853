package org.annexp2p.tor.control;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The parts of tor's PROTOCOLINFO reply we use: allowed auth methods, the cookie file, tor's version. */
record ProtocolInfo(Set<String> methods, Optional<Path> cookieFile, String torVersion) {

    /** Parses the reply lines (without status codes), e.g. {@code AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE="..."}. */
    static ProtocolInfo parse(List<String> lines) {
        Set<String> methods = new TreeSet<>();
        Optional<Path> cookie = Optional.empty();
        String version = "unknown";
        for (String line : lines) {
            if (line.startsWith("AUTH ")) {
                String rest = line.substring(5);
                int m = rest.indexOf("METHODS=");
                if (m >= 0) {
                    int end = rest.indexOf(' ', m);
                    for (String method : rest.substring(m + 8, end < 0 ? rest.length() : end).split(",")) {
                        if (!method.isEmpty()) {
                            methods.add(method);
                        }
                    }
                }
                int c = rest.indexOf("COOKIEFILE=\"");
                if (c >= 0) {
                    try {
                        cookie = Optional.of(Path.of(unquote(rest.substring(c + 11))));
                    } catch (java.nio.file.InvalidPathException e) {
                        // not a path this system can open; treated as no cookie file offered
                        cookie = Optional.empty();
                    }
                }
            } else if (line.startsWith("VERSION Tor=\"")) {
                version = unquote(line.substring(12));
            }
        }
        return new ProtocolInfo(Set.copyOf(methods), cookie, version);
    }

    /** Reads a control-spec QuotedString starting at its opening quote, undoing backslash escapes. */
    static String unquote(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                out.append(s.charAt(++i));
            } else if (c == '"') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
