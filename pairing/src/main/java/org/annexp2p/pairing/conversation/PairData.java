package org.annexp2p.pairing.conversation;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one side tells the other about itself while pairing.
 *
 * @param publicKey the X.509 SubjectPublicKeyInfo of its TLS key: the key later LAN connections are pinned to
 * @param addresses where its TCP listener can be reached
 */
public record PairData(String hostName, String user, String repositoryPath, String repositoryUuid, byte[] publicKey,
        List<InetSocketAddress> addresses) {

    public static final int MAX_HOST_NAME = 255;
    public static final int MAX_USER = 64;
    public static final int MAX_PATH = 512;
    public static final int MAX_UUID = 64;
    public static final int MAX_KEY = 300;
    public static final int MAX_ADDRESSES = 8;

    public PairData {
        requireLength("host name", hostName, MAX_HOST_NAME);
        requireLength("user", user, MAX_USER);
        requireLength("repository path", repositoryPath, MAX_PATH);
        requireLength("repository UUID", repositoryUuid, MAX_UUID);
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length == 0 || publicKey.length > MAX_KEY) {
            throw new IllegalArgumentException("public key must be 1.." + MAX_KEY + " bytes, was " + publicKey.length);
        }
        publicKey = publicKey.clone();
        addresses = List.copyOf(addresses);
        if (addresses.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("at most " + MAX_ADDRESSES + " addresses, got " + addresses.size());
        }
        for (InetSocketAddress a : addresses) {
            if (a.getAddress() == null) {
                throw new IllegalArgumentException("addresses must be literal IPs: " + a);
            }
        }
    }

    /**
     * Where its repository is, {@code user@host:path}, as every front end shows it. All three parts are its own
     * choice: a front end escapes them before a terminal or a page shows them.
     */
    public String where() {
        return user + "@" + hostName + ":" + repositoryPath;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairData d && hostName.equals(d.hostName) && user.equals(d.user)
                && repositoryPath.equals(d.repositoryPath) && repositoryUuid.equals(d.repositoryUuid)
                && Arrays.equals(publicKey, d.publicKey) && addresses.equals(d.addresses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hostName, user, repositoryPath, repositoryUuid, Arrays.hashCode(publicKey), addresses);
    }

    private static void requireLength(String field, String value, int maxBytes) {
        Objects.requireNonNull(value, field);
        int length = value.getBytes(StandardCharsets.UTF_8).length;
        if (length > maxBytes) {
            throw new IllegalArgumentException(field + " is " + length + " bytes in UTF-8, at most " + maxBytes);
        }
    }
}
