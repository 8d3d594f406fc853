package org.annexp2p.pairing.conversation;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.annexp2p.transports.datagram.Datagram;
import org.annexp2p.transports.datagram.DatagramEndpoint;

/**
 * Drives a {@link PairingMachine} over a real or in-memory {@link DatagramEndpoint} until it is paired or
 * failed. All waiting is bounded by the conversation's own deadline; a failed send is logged and left to
 * retransmission, as a lost datagram would be.
 */
public final class ConversationRunner {

    private static final long MAX_WAIT_MILLIS = 50;

    private ConversationRunner() {
    }

    public static PairingState run(DatagramEndpoint endpoint, PairingSetup setup, LongSupplier clockMillis, Consumer<String> log)
            throws IOException {
        Step step = PairingMachine.start(setup, clockMillis.getAsLong());
        while (true) {
            perform(endpoint, step, log);
            PairingState state = step.state();
            if (PairingMachine.isFinal(state)) {
                return state;
            }
            long wait = Math.max(1, Math.min(MAX_WAIT_MILLIS, setup.retransmit().toMillis() / 4));
            Optional<Datagram> datagram = endpoint.receive(Duration.ofMillis(wait));
            if (datagram.isPresent()) {
                step = PairingMachine.step(state, new PairingEvent.Received(datagram.get().from(), datagram.get().payload(), clockMillis.getAsLong()));
                perform(endpoint, step, log);
                state = step.state();
                if (PairingMachine.isFinal(state)) {
                    return state;
                }
            }
            step = PairingMachine.step(state, new PairingEvent.Tick(clockMillis.getAsLong()));
        }
    }

    private static void perform(DatagramEndpoint endpoint, Step step, Consumer<String> log) {
        for (Output output : step.outputs()) {
            if (output instanceof Output.Send send) {
                try {
                    endpoint.send(send.to(), send.payload());
                } catch (IOException e) {
                    log.accept("send to " + send.to() + " failed: " + e.getMessage());
                }
            } else if (output instanceof Output.Note note) {
                log.accept(note.line());
            }
        }
    }
}
