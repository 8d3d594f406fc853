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
@Command(name = "wormhole", resourceBundle = "org.annexp2p.cli.help.WormholeCommand",
        subcommands = {SendCommand.class, ReceiveCommand.class},
        // Here, not in the bundle: a subcommand without a footer of its own would show its parent's bundled one.
        footerHeading = "%nExamples:%n",
        footer = {
            "  annex-p2p wormhole send --text 'hello'",
            "  annex-p2p wormhole send photo.jpg",
            "  annex-p2p wormhole receive 7-guitarist-revenge",
            "  # through your own mailbox server, accepting the file unasked:",
            "  annex-p2p wormhole --relay-url ws://127.0.0.1:4000/v1 receive \\",
            "      --accept-file -o out.bin"})
public final class WormholeCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    @Mixin
    RelayOptions relay;

    @Option(names = "--appid", paramLabel = "APPID", defaultValue = WormholeOptions.DEFAULT_APP_ID)
    String appId;

    /** The library options for these global flags plus a subcommand's own. */
    WormholeOptions options(boolean noListen, int codeLength) throws InvalidCodeException {
        return relay.applyTo(WormholeOptions.defaults())
                .withAppId(appId)
                .withListen(!noListen)
                .withCodeLength(codeLength);
    }
}
