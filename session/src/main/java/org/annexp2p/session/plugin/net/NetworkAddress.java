package org.annexp2p.session.plugin.net;

import java.util.regex.Pattern;
import org.annexp2p.session.plugin.MalformedAddressException;

/**
 * A {@code p2p-annex::NETNAME:ADDRESS} address: the network's name, which names its helper program, and the
 * address on that network, which is the helper's only argument. The address may hold colons (host and port), so
 * the name ends at the first one, as git-annex reads it.
 *
 * @param netName letters, digits, {@code _} and {@code -}: it becomes part of a program name looked up on PATH
 * @param address no control characters (it is one line in p2paddrs and in creds file names), never starting with
 *     {@code -} (the helper would read an option), and never {@code address} (the helper's own word for "print our
 *     addresses")
 */
public record NetworkAddress(String netName, String address) {
    public static final String SCHEME = "p2p-annex::";
    /** git-annex's prefix for the helper of each network. */
    public static final String HELPER_PREFIX = "git-annex-p2p-";

    private static final Pattern NET_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String ADDRESS_MODE = "address";

    public NetworkAddress {
        if (!NET_NAME.matcher(netName).matches()) {
            throw new MalformedAddressException("bad network name in " + SCHEME + netName + ":...: only letters, digits, _ and - are allowed");
        }
        if (address.isEmpty()) {
            throw new MalformedAddressException("no address after the network name in " + SCHEME + netName + ":");
        }
        if (address.codePoints().anyMatch(Character::isISOControl)) {
            throw new MalformedAddressException("the " + netName + " address has control characters in it");
        }
        if (address.startsWith("-") || address.equals(ADDRESS_MODE)) {
            throw new MalformedAddressException("the " + netName + " address " + address + " would be read as an option by its helper");
        }
    }

    /** Reads {@code p2p-annex::NETNAME:ADDRESS}. */
    public static NetworkAddress parse(String written) {
        if (!written.startsWith(SCHEME)) {
            throw new MalformedAddressException("not a " + SCHEME + " address");
        }
        String rest = written.substring(SCHEME.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new MalformedAddressException("expected " + SCHEME + "NETNAME:ADDRESS");
        }
        return new NetworkAddress(rest.substring(0, colon), rest.substring(colon + 1));
    }

    /** The program that reaches this network. */
    public String helper() {
        return HELPER_PREFIX + netName;
    }

    /** The name git-annex gives this peer's token file in the creds directory, before escaping. */
    public String credsName() {
        return netName + ":" + address;
    }

    @Override
    public String toString() {
        return SCHEME + netName + ":" + address;
    }
}
