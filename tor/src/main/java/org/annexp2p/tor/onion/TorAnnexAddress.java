package org.annexp2p.tor.onion;

/**
 * git-annex's Tor peer address, {@code tor-annex::<onion>.onion:<port>} (P2P/Address.hs): the scheme
 * {@code tor-annex:} followed by the separator {@code :} that {@code formatP2PAddress} adds.
 */
public record TorAnnexAddress(OnionAddress onion, int port) {

    public static final String SCHEME = "tor-annex:";

    public TorAnnexAddress {
        if (onion == null) {
            throw new OnionAddressException("missing onion address");
        }
        if (port < 1 || port > 65535) {
            throw new OnionAddressException("port " + port + " is out of range 1-65535");
        }
    }

    /** Parses an address without a token, e.g. a git remote URL. */
    public static TorAnnexAddress parse(String text) {
        String[] parts = split(text);
        if (parts.length != 2) {
            throw new OnionAddressException("tor-annex address " + OnionAddress.abbreviate(text)
                    + " must look like tor-annex::<onion>.onion:<port>");
        }
        return of(parts[0], parts[1], text);
    }

    /** Everything after the scheme and its separators, split at ':'; throws when the scheme is missing. */
    static String[] split(String text) {
        if (text == null || !text.startsWith(SCHEME)) {
            throw new OnionAddressException("address " + OnionAddress.abbreviate(String.valueOf(text))
                    + " does not start with " + SCHEME + ":");
        }
        int start = SCHEME.length();
        while (start < text.length() && text.charAt(start) == ':') {
            start++;
        }
        return text.substring(start).split(":", -1);
    }

    static TorAnnexAddress of(String onion, String port, String whole) {
        return new TorAnnexAddress(OnionAddress.parse(onion), parsePort(port, whole));
    }

    private static int parsePort(String port, String whole) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new OnionAddressException("tor-annex address " + OnionAddress.abbreviate(whole)
                    + " has no valid port after the onion (digits 1-65535 expected)");
        }
        return Integer.parseInt(port);
    }

    /** The git-annex form, also used as git remote URL. */
    public String format() {
        return SCHEME + ":" + onion.hostname() + ":" + port;
    }

    /** {@code ONION.onion:PORT}, what the onion {@link org.annexp2p.transports.Dialer} dials. */
    public String dialString() {
        return onion.hostname() + ":" + port;
    }

    @Override
    public String toString() {
        return format();
    }
}
