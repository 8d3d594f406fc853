package org.annexp2p.http.server;

import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.annexp2p.protocol.conversation.ServerMode;

/**
 * The users of {@code --authenv}: {@code GIT_ANNEX_P2PHTTP_PASSWORD_<user>} and
 * {@code GIT_ANNEX_P2PHTTP_PERMISSIONS_<user>=readonly|appendonly} (full access otherwise). Only digests of the
 * passwords are kept, compared in constant time; nothing here is ever logged.
 */
public final class Users {
    private static final String PASSWORD = "GIT_ANNEX_P2PHTTP_PASSWORD_";
    private static final String PERMISSIONS = "GIT_ANNEX_P2PHTTP_PERMISSIONS_";

    private record User(byte[] digest, ServerMode mode) {}

    private final Map<String, User> users;
    /** Compared against when the user is unknown, so that an unknown name costs the same as a wrong password. */
    private final byte[] nobody = digest("\0");

    private Users(Map<String, User> users) {
        this.users = users;
    }

    public static Users none() {
        return new Users(Map.of());
    }

    public static Users fromEnvironment(Map<String, String> env) {
        Map<String, User> users = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(PASSWORD) && name.length() > PASSWORD.length()) {
                String user = name.substring(PASSWORD.length());
                String perms = env.getOrDefault(PERMISSIONS + user, "");
                ServerMode mode = switch (perms) {
                    case "readonly" -> ServerMode.READ_ONLY;
                    case "appendonly" -> ServerMode.APPEND_ONLY;
                    default -> ServerMode.READ_WRITE;
                };
                users.put(user, new User(digest(value), mode));
            }
        });
        return new Users(Map.copyOf(users));
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    /** The mode of the user a {@code Basic} Authorization header names, if its password is right. */
    public Option<ServerMode> authenticate(String header) {
        String[] parts = header.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
            return Option.none();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(parts[1].trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Option.none();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Option.none();
        }
        User user = users.get(decoded.substring(0, colon));
        byte[] given = digest(decoded.substring(colon + 1));
        boolean match = MessageDigest.isEqual(user == null ? nobody : user.digest(), given);
        return user != null && match ? Option.some(user.mode()) : Option.none();
    }

    /** Equal-length digests, so the comparison's time says nothing about the password's length either. */
    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return users.size() + " users";
    }
}
