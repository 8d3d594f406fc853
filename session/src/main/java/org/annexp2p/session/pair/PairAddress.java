package org.annexp2p.session.pair;

import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.tor.onion.TorAnnexAddress;

/**
 * An address pair data may carry, as git-annex's {@code p2p --pair} sends them: a Tor onion, or an address on a
 * generic P2P network. Each is written exactly as in p2paddrs and as the remote's url.
 */
public sealed interface PairAddress {
    /**
     * The longest name a creds file may have (a file system's limit): the token for a network address is kept in
     * a file named after the address, escaped, so a longer one could be linked but never given its token.
     */
    int MAX_CREDS_NAME = 255;

    /** As written in p2paddrs, pair data and a remote's url. */
    String format();

    record Tor(TorAnnexAddress address) implements PairAddress {
        @Override
        public String format() {
            return address.format();
        }
    }

    /** @param address also free of whitespace: it is one word of a p2pauth line and a git remote's url */
    record Network(NetworkAddress address) implements PairAddress {
        public Network {
            if (address.address().chars().anyMatch(Character::isWhitespace)) {
                throw new MalformedAddressException("the " + address.netName() + " address has whitespace in it");
            }
            if (CredsDir.escapedName(address.credsName()).length() > MAX_CREDS_NAME) {
                throw new MalformedAddressException("the " + address.netName() + " address is too long");
            }
        }

        @Override
        public String format() {
            return address.toString();
        }
    }

    /** Reads a {@code tor-annex::} or {@code p2p-annex::} address; anything else is a {@link MalformedAddressException}. */
    static PairAddress parse(String written) {
        if (written.startsWith(NetworkAddress.SCHEME)) {
            return new Network(NetworkAddress.parse(written));
        }
        if (written.startsWith(TorAnnexAddress.SCHEME)) {
            try {
                return new Tor(TorAnnexAddress.parse(written));
            } catch (MalformedAddressException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new MalformedAddressException(e.getMessage());
            }
        }
        throw new MalformedAddressException("neither a tor-annex:: nor a p2p-annex:: address");
    }
}
