package org.annexp2p.session.plugin.net;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.Repository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.TransportPlugin;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.stdio.CommandConnection;
import org.annexp2p.transports.stdio.CommandOptions;

/**
 * {@code p2p-annex::NETNAME:ADDRESS}: runs the network's helper {@code git-annex-p2p-NETNAME ADDRESS} (found on
 * PATH, started without a shell) and speaks P2P over its standard streams, presenting the token stored for that
 * address (or the one the user gave). The helper's standard error is the user's, as git-annex leaves it.
 *
 * <p>Only the user's --timeout bounds the dial: how long a network takes to connect is its helper's business.
 */
public final class NetworkPlugin implements TransportPlugin<NetworkAddress> {
    private final HelperSearch search;

    public NetworkPlugin(HelperSearch search) {
        this.search = search;
    }

    /** Helpers looked up on this process's PATH. */
    public static NetworkPlugin onPath() {
        return new NetworkPlugin(HelperSearch.fromEnvironment());
    }

    @Override
    public String scheme() {
        return NetworkAddress.SCHEME;
    }

    @Override
    public String form() {
        return "p2p-annex::NETNAME:ADDRESS";
    }

    @Override
    public NetworkAddress parse(String address) throws MalformedAddressException {
        return NetworkAddress.parse(address);
    }

    @Override
    public Dialed dial(NetworkAddress address, Dialing dialing) throws IOException {
        AuthToken token = dialing.token().resolve(address.toString(), () -> stored(dialing.repository(), address));
        // In the repository, as git-annex runs it: a helper such as git-annex-p2p-lan finds its keys there.
        CommandOptions options = dialing.repository() instanceof AnnexRepository r
                ? CommandOptions.defaults().withDirectory(r.top()) : CommandOptions.defaults();
        return new Dialed(connect(address, options), new Greeting.Token(token), dialing.bound(), true);
    }

    /** The helper started for {@code address}, alone: for a path that greets its own way (the remote helper). */
    public Connection connect(NetworkAddress address) throws IOException {
        return connect(address, CommandOptions.defaults());
    }

    private Connection connect(NetworkAddress address, CommandOptions options) throws IOException {
        Path helper = search.find(address.helper()).orElseThrow(() -> new IOException(address.helper()
                + " is not on PATH; install the " + address.netName() + " network's helper"));
        return new HelperConnection(CommandConnection.start(List.of(helper.toString(), address.address()), options), address);
    }

    /** The token the repository stored for {@code address}, in the file git-annex names after it. */
    public static Option<AuthToken> stored(Repository repository, NetworkAddress address) throws IOException {
        if (!(repository instanceof AnnexRepository r)) {
            return Option.none();
        }
        return Option.ofOptional(r.creds().file(CredsDir.escapedName(address.credsName())).readText())
                .flatMap(text -> AuthToken.parse(text.lines().findFirst().orElse("")));
    }
}
