package org.annexp2p.session.plugin;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.annexp2p.transports.memory.MemoryNetwork;

/**
 * {@code mem://NAME}: a plugin over an in-memory network, for the plugin registry's tests and the conversation suite.
 * It greets with the given token and gives the peer {@code answerWithin} to answer (unless the dial has a bound).
 */
public record MemoryPlugin(MemoryNetwork network, Duration answerWithin) implements TransportPlugin<String> {
    @Override
    public String scheme() {
        return "mem://";
    }

    @Override
    public String form() {
        return "mem://NAME";
    }

    @Override
    public String parse(String address) {
        String name = address.substring(scheme().length());
        if (name.isEmpty()) {
            throw new MalformedAddressException("mem:// needs a name");
        }
        return name;
    }

    @Override
    public Dialed dial(String name, Dialing dialing) throws IOException {
        var token = dialing.token().resolve(scheme() + name, GivenToken.Stored.NONE);
        HandshakeDeadline deadline = dialing.bound().orElse(HandshakeDeadline.after(System.nanoTime(), answerWithin));
        return new Dialed(network.dial(name, deadline.left()), new Greeting.Token(token), Optional.of(deadline), true);
    }
}
