package org.annexp2p.cli.wormhole;

import java.net.URI;
import java.util.List;
import org.annexp2p.wormhole.InvalidCodeException;
import org.annexp2p.wormhole.WormholeOptions;
import org.annexp2p.wormhole.transit.TcpHint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code annex-p2p wormhole}: Magic Wormhole send/receive, with the Python CLI's option names and
 * placement (relay options before the subcommand) so that its users feel at home.
 */
@Command(name = "wormhole",
        subcommands = {SendCommand.class, ReceiveCommand.class},
        description = {
            "Create a Magic Wormhole and communicate through it: a short code such as 7-guitarist-revenge, spoken to"
                + " the other person, lets two computers exchange a text or a file, end-to-end encrypted.",
            "Interoperates with the Python 'wormhole' program; relay options go before the subcommand, as there."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  annex-p2p wormhole send --text 'hello'",
            "  annex-p2p wormhole send photo.jpg",
            "  annex-p2p wormhole receive 7-guitarist-revenge",
            "  annex-p2p wormhole --relay-url ws://127.0.0.1:4000/v1 receive --accept-file -o out.bin"})
public final class WormholeCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Option(names = "--relay-url", paramLabel = "URL",
            defaultValue = "${env:WORMHOLE_RELAY_URL:-ws://relay.magic-wormhole.io:4000/v1}",
            description = "rendezvous (mailbox) server to use (default: ${DEFAULT-VALUE}; env WORMHOLE_RELAY_URL)")
    URI relayUrl;

    @Option(names = "--transit-helper", paramLabel = "tcp:HOST:PORT",
            defaultValue = "${env:WORMHOLE_TRANSIT_HELPER:-tcp:transit.magic-wormhole.io:4001}",
            description = "transit relay to use (default: ${DEFAULT-VALUE}; env WORMHOLE_TRANSIT_HELPER)")
    String transitHelper;

    @Option(names = "--appid", paramLabel = "APPID", defaultValue = WormholeOptions.DEFAULT_APP_ID,
            description = "application id scoping codes and nameplates (default: ${DEFAULT-VALUE})")
    String appId;

    /** The library options for these global flags plus a subcommand's own. */
    WormholeOptions options(boolean noListen, int codeLength) throws InvalidCodeException {
        if (!"ws".equals(relayUrl.getScheme()) && !"wss".equals(relayUrl.getScheme())) {
            throw new InvalidCodeException("--relay-url must be a ws:// or wss:// URL, got: " + relayUrl);
        }
        TcpHint helper = TcpHint.parseEndpoint(transitHelper);
        return WormholeOptions.defaults()
                .withRelayUrl(relayUrl)
                .withTransitHelpers(List.of(helper))
                .withAppId(appId)
                .withListen(!noListen)
                .withCodeLength(codeLength);
    }
}
