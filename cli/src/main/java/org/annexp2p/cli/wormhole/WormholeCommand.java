package org.annexp2p.cli.wormhole;

import org.annexp2p.wormhole.InvalidCodeException;
import org.annexp2p.wormhole.WormholeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            "",
            "Interoperates with the Python 'wormhole' program; relay options go before the subcommand, as there."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  annex-p2p wormhole send --text 'hello'",
            "  annex-p2p wormhole send photo.jpg",
            "  annex-p2p wormhole receive 7-guitarist-revenge",
            "  # through your own mailbox server, accepting the file unasked:",
            "  annex-p2p wormhole --relay-url ws://127.0.0.1:4000/v1 receive \\",
            "      --accept-file -o out.bin"})
public final class WormholeCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Mixin
    RelayOptions relay;

    @Option(names = "--appid", paramLabel = "APPID", defaultValue = WormholeOptions.DEFAULT_APP_ID,
            description = "application id scoping codes and nameplates (default: ${DEFAULT-VALUE})")
    String appId;

    /** The library options for these global flags plus a subcommand's own. */
    WormholeOptions options(boolean noListen, int codeLength) throws InvalidCodeException {
        return relay.applyTo(WormholeOptions.defaults())
                .withAppId(appId)
                .withListen(!noListen)
                .withCodeLength(codeLength);
    }
}
