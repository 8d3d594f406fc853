package org.annexp2p.cli;

import java.util.concurrent.Callable;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.session.DialedSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "remove", resourceBundle = "org.annexp2p.cli.help.RemoveCommand", mixinStandardHelpOptions = true)
final class RemoveCommand implements Callable<Integer> {
    @Mixin
    PeerOptions peer;

    // Here, not in the mixin: picocli lists an @ArgGroup inside a @Mixin's options twice.
    @ArgGroup(exclusive = true, multiplicity = "1")
    PeerOptions.Route route;

    @Parameters(index = "0", paramLabel = "KEY", converter = KeyArgument.class)
    Key key;

    @Override
    public Integer call() throws Exception {
        try (DialedSession session = ClientSession.open(peer, route, ClientSession.repository(peer))) {
            if (!session.run(Client.remove(key))) {
                throw new java.io.IOException("the peer could not remove " + key + " (it may be locked)");
            }
            System.out.println("removed");
            return 0;
        }
    }
}
