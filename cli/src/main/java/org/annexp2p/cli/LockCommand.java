package org.annexp2p.cli;

import java.util.concurrent.Callable;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.session.DialedSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lock", resourceBundle = "org.annexp2p.cli.help.LockCommand", mixinStandardHelpOptions = true)
final class LockCommand implements Callable<Integer> {
    @Mixin
    PeerOptions peer;

    // Here, not in the mixin: picocli lists an @ArgGroup inside a @Mixin's options twice.
    @ArgGroup(exclusive = true, multiplicity = "1")
    PeerOptions.Route route;

    @Parameters(index = "0", paramLabel = "KEY", converter = KeyArgument.class, description = "The key to lock.")
    Key key;

    @Option(names = "--hold", paramLabel = "SECONDS")
    long holdSeconds;

    @Override
    public Integer call() throws Exception {
        try (DialedSession session = ClientSession.open(peer, route, ClientSession.repository(peer))) {
            boolean locked = session.run(Client.lock(key).flatMap(l -> {
                if (!l.getOrElse(false)) {
                    return org.annexp2p.protocol.program.Program.pure(l);
                }
                System.err.println("locked " + key + (holdSeconds > 0 ? " for " + holdSeconds + " s" : ""));
                sleep(holdSeconds);
                return Client.unlock().map(u -> l);
            }));
            if (!locked) {
                throw new java.io.IOException("the peer could not lock " + key + " (it does not have it)");
            }
            System.out.println("locked and unlocked");
            return 0;
        }
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
