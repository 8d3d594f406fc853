package org.annexp2p.transports.datagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Seeded datagram faults do what they are configured to do, and nothing else. */
class MemoryDatagramFaultProperties {

    private static final int COUNT = 2_000;
    private static final InetSocketAddress A = MemoryDatagramNetworkTest.address("10.0.0.1", 55556);
    private static final InetSocketAddress B = MemoryDatagramNetworkTest.address("10.0.0.2", 55556);
    private static final InetSocketAddress GROUP = MemoryDatagramNetworkTest.address("224.0.0.167", 55556);

    @Property(tries = 40)
    void dropDuplicateAndReorderMatchTheirRatesAndNeverCorrupt(
            @ForAll @DoubleRange(min = 0, max = 0.5) double drop,
            @ForAll @DoubleRange(min = 0, max = 0.5) double duplicate,
            @ForAll @DoubleRange(min = 0, max = 0.5) double reorder,
            @ForAll long seed) throws IOException {
        DatagramFaults faults = DatagramFaults.none().withDropRate(drop).withDuplicateRate(duplicate).withReorderRate(reorder);
        List<Integer> first = run(seed, faults);
        assertThat(run(seed, faults)).as("the same seed gives the same run").isEqualTo(first);

        MemoryDatagramNetwork net = new MemoryDatagramNetwork(seed);
        net.faults(faults);
        List<Integer> received = exchange(net);
        DatagramStats stats = net.stats();
        assertThat(received).isEqualTo(first);
        assertThat(received).as("every datagram is one that was sent").allMatch(i -> i >= 0 && i < COUNT);
        assertThat((long) received.size()).as("accounting").isEqualTo(stats.deliveries() - stats.dropped() + stats.duplicated());
        Map<Integer, Integer> copies = new HashMap<>();
        received.forEach(i -> copies.merge(i, 1, Integer::sum));
        assertThat(copies.values()).as("at most one duplicate per datagram").allMatch(n -> n <= 2);
        assertRate("drop", stats.dropped(), COUNT, drop);
        assertRate("duplicate", stats.duplicated(), stats.deliveries() - stats.dropped(), duplicate);
        assertRate("reorder", stats.reordered(), stats.deliveries() - stats.dropped(), reorder);
        if (reorder == 0) {
            for (int i = 1; i < received.size(); i++) {
                assertThat(received.get(i)).as("without reordering, order is kept").isGreaterThanOrEqualTo(received.get(i - 1));
            }
        }
    }

    @Property(tries = 30)
    void multicastBlockedAndApIsolationLoseExactlyTheTrafficTheyShould(
            @ForAll boolean multicastBlocked, @ForAll boolean isolation, @ForAll @IntRange(min = 1, max = 50) int rounds,
            @ForAll long seed) throws IOException {
        MemoryDatagramNetwork net = new MemoryDatagramNetwork(seed);
        net.faults(DatagramFaults.none().withMulticastBlocked(multicastBlocked).withApIsolation(isolation));
        try (DatagramEndpoint a = net.open(A); DatagramEndpoint b = net.open(B)) {
            b.joinGroup(GROUP.getAddress());
            int unicast = 0;
            int multicast = 0;
            for (int i = 0; i < rounds; i++) {
                a.send(B, new byte[] {1});
                a.send(GROUP, new byte[] {2});
            }
            for (Optional<Datagram> d = b.receive(Duration.ZERO); d.isPresent(); d = b.receive(Duration.ZERO)) {
                if (d.get().payload()[0] == 1) {
                    unicast++;
                } else {
                    multicast++;
                }
            }
            assertThat(unicast).isEqualTo(isolation ? 0 : rounds);
            assertThat(multicast).isEqualTo(isolation || multicastBlocked ? 0 : rounds);
        }
    }

    @Property(tries = 30)
    void sendRefusesExactlyThePayloadsOverTheLimit(@ForAll @IntRange(min = 0, max = 2_000) int limit,
            @ForAll @IntRange(min = 0, max = 2_000) int size) throws IOException {
        MemoryDatagramNetwork net = new MemoryDatagramNetwork(1);
        net.faults(DatagramFaults.none().withMaxPayloadSize(limit));
        try (DatagramEndpoint a = net.open(A); DatagramEndpoint b = net.open(B)) {
            if (size > limit) {
                assertThatThrownBy(() -> a.send(B, new byte[size])).isInstanceOf(IOException.class);
                assertThat(b.receive(Duration.ZERO)).isEmpty();
            } else {
                a.send(B, new byte[size]);
                assertThat(b.receive(Duration.ZERO)).map(Datagram::length).contains(size);
            }
        }
    }

    private static List<Integer> run(long seed, DatagramFaults faults) throws IOException {
        MemoryDatagramNetwork net = new MemoryDatagramNetwork(seed);
        net.faults(faults);
        return exchange(net);
    }

    private static List<Integer> exchange(MemoryDatagramNetwork net) throws IOException {
        List<Integer> received = new ArrayList<>();
        try (DatagramEndpoint a = net.open(A); DatagramEndpoint b = net.open(B)) {
            for (int i = 0; i < COUNT; i++) {
                a.send(B, ByteBuffer.allocate(4).putInt(i).array());
            }
            for (Optional<Datagram> d = b.receive(Duration.ZERO); d.isPresent(); d = b.receive(Duration.ZERO)) {
                received.add(ByteBuffer.wrap(d.get().payload()).getInt());
            }
        }
        return received;
    }

    /** Within six standard deviations of the binomial expectation: loose enough never to flake, tight enough to catch a wrong rate. */
    private static void assertRate(String what, long observed, long trials, double p) {
        double expected = trials * p;
        double tolerance = 6 * Math.sqrt(trials * p * (1 - p)) + 1;
        assertThat((double) observed).as(what + " count for rate " + p + " over " + trials).isBetween(expected - tolerance, expected + tolerance);
    }

}
