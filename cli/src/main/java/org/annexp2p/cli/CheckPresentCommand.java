package org.annexp2p.cli;

import java.util.concurrent.Callable;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.session.DialedSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "checkpresent", resourceBundle = "org.annexp2p.cli.help.CheckPresentCommand", mixinStandardHelpOptions = true)
final class CheckPresentCommand implements Callable<Integer> {
    @Mixin
    PeerOptions peer;

    // Here, not in the mixin: picocli lists an @ArgGroup inside a @Mixin's options twice.
    @ArgGroup(exclusive = true, multiplicity = "1")
    PeerOptions.Route route;

    @Parameters(index = "0", paramLabel = "KEY", converter = KeyArgument.class)
    Key key;

    @Override
    public Integer call() {
        try (DialedSession session = ClientSession.open(peer, route, ClientSession.repository(peer))) {
            boolean present = session.run(Client.checkPresent(key));
            System.out.println(present ? "present" : "absent");
            return present ? 0 : 1;
        } catch (BadUsageException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("annex-p2p: could not check: " + Main.oneLine(e));
            return 100;
        }
    }
}
