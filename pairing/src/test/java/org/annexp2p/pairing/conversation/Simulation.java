package org.annexp2p.pairing.conversation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.transports.datagram.Datagram;
import org.annexp2p.transports.datagram.DatagramEndpoint;
import org.annexp2p.transports.datagram.DatagramFaults;
import org.annexp2p.transports.datagram.DatagramStats;
import org.annexp2p.transports.datagram.MemoryDatagramNetwork;

/**
 * Runs a requester and a responder over a seeded in-memory datagram network on a virtual clock, in one thread,
 * so a run is reproducible from its seed and takes no wall-clock time.
 */
final class Simulation {

    static final InetSocketAddress GROUP = new InetSocketAddress("224.0.0.199", 55558);
    static final InetSocketAddress REQUESTER = new InetSocketAddress("192.168.7.2", 55558);
    static final InetSocketAddress RESPONDER = new InetSocketAddress("192.168.7.3", 55558);
    static final long TICK_MILLIS = 10;

    record Outcome(PairingState requester, PairingState responder, PairData requesterData, PairData responderData, DatagramStats stats) {
    }

    private Simulation() {
    }

    static Outcome run(long seed, DatagramFaults faults, SharedSecret requesterSecret, SharedSecret responderSecret,
            List<InetSocketAddress> targets) {
        return run(seed, faults, requesterSecret, responderSecret, targets, Optional.empty());
    }

    static Outcome run(long seed, DatagramFaults faults, SharedSecret requesterSecret, SharedSecret responderSecret,
            List<InetSocketAddress> targets, Optional<KeyFingerprint> expectedKey) {
        Random random = new Random(seed);
        MemoryDatagramNetwork network = new MemoryDatagramNetwork(seed);
        network.faults(faults);
        PairData a = data("alpha", 1, random);
        PairData b = data("beta", 2, random);
        try (DatagramEndpoint ea = network.open(REQUESTER); DatagramEndpoint eb = network.open(RESPONDER)) {
            ea.joinGroup(GROUP.getAddress());
            eb.joinGroup(GROUP.getAddress());
            Duration retransmit = Duration.ofMillis(200);
            PairingSetup sa = new PairingSetup(PairingSetup.Role.REQUESTER, a, requesterSecret, hex(random, 16), key(random),
                    targets, retransmit, Duration.ofSeconds(10), Duration.ofSeconds(3), expectedKey);
            PairingSetup sb = new PairingSetup(PairingSetup.Role.RESPONDER, b, responderSecret, hex(random, 16), key(random),
                    List.of(), retransmit, Duration.ofSeconds(10), Duration.ZERO, Optional.empty());
            long now = 0;
            PairingState stateA = perform(ea, PairingMachine.start(sa, now));
            PairingState stateB = perform(eb, PairingMachine.start(sb, now));
            while (!(PairingMachine.isFinal(stateA) && PairingMachine.isFinal(stateB))) {
                now += TICK_MILLIS;
                stateA = deliver(ea, stateA, now);
                stateB = deliver(eb, stateB, now);
                stateA = perform(ea, PairingMachine.step(stateA, new PairingEvent.Tick(now)));
                stateB = perform(eb, PairingMachine.step(stateB, new PairingEvent.Tick(now)));
                if (now > 60_000) {
                    throw new AssertionError("conversation neither paired nor failed after 60 virtual seconds: " + stateA + " / " + stateB);
                }
            }
            return new Outcome(stateA, stateB, a, b, network.stats());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PairingState deliver(DatagramEndpoint endpoint, PairingState state, long now) throws IOException {
        List<Datagram> arrived = new ArrayList<>();
        Optional<Datagram> d;
        while ((d = endpoint.receive(Duration.ZERO)).isPresent()) {
            arrived.add(d.get());
        }
        for (Datagram datagram : arrived) {
            state = perform(endpoint, PairingMachine.step(state, new PairingEvent.Received(datagram.from(), datagram.payload(), now)));
        }
        return state;
    }

    private static PairingState perform(DatagramEndpoint endpoint, Step step) throws IOException {
        for (Output o : step.outputs()) {
            if (o instanceof Output.Send s) {
                endpoint.send(s.to(), s.payload());
            }
        }
        return step.state();
    }

    static PairData data(String host, int n, Random random) {
        byte[] key = new byte[91];
        random.nextBytes(key);
        return new PairData(host, "user" + n, "/home/user" + n + "/annex", "uuid-" + n, key,
                List.of(new InetSocketAddress("192.168.7." + (n + 1), 4242)));
    }

    private static EphemeralKey key(Random random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return EphemeralKey.fromSeed(seed);
    }

    private static String hex(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
