package org.annexp2p.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.session.DialedSession;
import org.annexp2p.session.transfer.HeldLock;
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

    @Parameters(index = "0", paramLabel = "KEY", converter = KeyArgument.class)
    Key key;

    @Option(names = "--hold", paramLabel = "SECONDS")
    long holdSeconds;

    @Override
    public Integer call() throws Exception {
        HeldLock lock = new HeldLock(key, Duration.ofSeconds(holdSeconds));
        try (DialedSession session = ClientSession.open(peer, route, ClientSession.repository(peer))) {
            lock.finished(session.run(lock.operation(() -> System.err.println(
                    "locked " + key + (holdSeconds > 0 ? " for " + holdSeconds + " s" : "")))));
            System.out.println("locked and unlocked");
            return 0;
        }
    }
}
