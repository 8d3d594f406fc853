package org.annexp2p.session.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.AddressTokens;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.net.HelperSearch;
import org.annexp2p.session.plugin.net.NetworkAddress;

/**
 * {@code p2p --enable NETNAME}: asks {@code git-annex-p2p-NETNAME address} for this repository's addresses on that
 * network and records each in p2paddrs as {@code p2p-annex::NETNAME:ADDRESS}, with a fresh token accepted on that
 * address alone. Every address is checked before anything is written, so a failure records nothing.
 */
public final class NetworkEnabling {
    private static final Pattern NET_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final HelperSearch search;
    private final TokenGenerator tokens;

    public NetworkEnabling(HelperSearch search, TokenGenerator tokens) {
        this.search = search;
        this.tokens = tokens;
    }

    /** Enables {@code netName} for {@code repository}; the addresses recorded (already known ones included). */
    public List<NetworkAddress> enable(AnnexRepository repository, String netName) throws IOException {
        if (!NET_NAME.matcher(netName).matches()) {
            throw new BadUsageException("bad network name " + netName + ": only letters, digits, _ and - are allowed");
        }
        if (netName.equals("tor")) {
            throw new BadUsageException("Tor is enabled with `annex-p2p enable-tor`");
        }
        String name = NetworkAddress.HELPER_PREFIX + netName;
        Path helper = search.find(name).orElseThrow(() -> new IOException(name
                + " is not on PATH; install the " + netName + " network's helper"));
        List<String> printed = AddressQuery.run(helper, name, repository.top());
        if (printed.isEmpty()) {
            throw new IOException(name + " did not output any P2P addresses");
        }
        List<NetworkAddress> addresses = new ArrayList<>();
        for (String line : printed) {
            addresses.add(checked(netName, name, line));
        }
        List<String> known = repository.creds().ownAddresses();
        for (NetworkAddress address : addresses) {
            if (!known.contains(address.toString())) {
                AddressTokens.accept(repository.creds(), tokens.generate(TokenGenerator.ADDRESS_TOKEN_LENGTH),
                        address.toString());
                repository.creds().addOwnAddress(address.toString());
            }
        }
        return List.copyOf(addresses);
    }

    /** A line the helper printed as an address; whitespace would split p2pauth's lines and git's URLs. */
    private static NetworkAddress checked(String netName, String helper, String line) throws IOException {
        if (line.codePoints().anyMatch(Character::isWhitespace)) {
            throw new IOException(helper + " printed an address with whitespace in it");
        }
        try {
            return new NetworkAddress(netName, line);
        } catch (MalformedAddressException e) {
            throw new IOException(helper + " printed an address that cannot be used: " + e.getMessage());
        }
    }
}
