package org.annexp2p.http.client;

import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * HTTP Basic credentials for a p2phttp server, read from the environment ({@value #USER} and {@value #PASSWORD})
 * so that a password is never on a command line. {@link #toString} never shows the password.
 */
public record Credentials(String user, String password) {
    public static final String USER = "ANNEX_P2P_HTTP_USER";
    public static final String PASSWORD = "ANNEX_P2P_HTTP_PASSWORD";

    /** The credentials the environment gives, when it gives both a user and a password. */
    public static Option<Credentials> from(Map<String, String> environment) {
        String user = environment.get(USER);
        String password = environment.get(PASSWORD);
        return user != null && !user.isEmpty() && password != null ? Option.some(new Credentials(user, password)) : Option.none();
    }

    /** The Authorization header's value; p2phttp's realm takes UTF-8. */
    String header() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=<hidden>]";
    }
}
