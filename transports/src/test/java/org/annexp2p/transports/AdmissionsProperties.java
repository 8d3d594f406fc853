package org.annexp2p.transports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Model-based test of {@link Admissions}, the state machine behind {@link ConnectionServer}: random sequences of
 * connect, authenticate, fail, close and clock ticks (each tick expiring what the server's timers would), checked
 * after every step against a plain model.
 *
 * <p>Invariants: the counts never exceed their caps (authenticated, unauthenticated, per address, remembered
 * addresses); a connection holds an authenticated slot only if it authenticated while pending, before its
 * deadline and with a slot free; an expired or refused one never does; and the counts are exactly what the model
 * says, so nothing leaks when connections close in any state.
 */
class AdmissionsProperties {

    static final int MAX_AUTHENTICATED = 2;
    static final int MAX_PENDING = 4;
    static final int PER_ADDRESS = 2;
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final FailureBackoff BACKOFF = new FailureBackoff(2, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(8), 2);
    static final List<Optional<AddressGroup>> GROUPS = List.of(Optional.empty(), Optional.of(new AddressGroup("203.0.113.1")),
            Optional.of(new AddressGroup("203.0.113.2")), Optional.of(new AddressGroup("2001:db8::/64")),
            Optional.of(new AddressGroup("198.51.100.4")));

    static final class Model {
        final ServerOptions options = ServerOptions.of(MAX_AUTHENTICATED, "ERROR busy\n").withPreAuth(
                new PreAuthLimits(DEADLINE, MAX_PENDING, PER_ADDRESS, BACKOFF));
        final Admissions admissions = new Admissions(options);
        final List<Modelled> live = new ArrayList<>();
        long now;

        /** What the model expects of one connection. */
        static final class Modelled {
            final Admissions.Ticket ticket;
            final Optional<AddressGroup> group;
            final long arrived;
            Admissions.State state = Admissions.State.PENDING;
            long failures;

            Modelled(Admissions.Ticket ticket, Optional<AddressGroup> group, long arrived) {
                this.ticket = ticket;
                this.group = group;
                this.arrived = arrived;
            }
        }

        void connect(Optional<AddressGroup> group) {
            long pending = live.stream().filter(m -> m.state != Admissions.State.AUTHENTICATED).count();
            long fromGroup = live.stream().filter(m -> m.state != Admissions.State.AUTHENTICATED && group.isPresent()
                    && m.group.equals(group)).count();
            boolean admit = pending < MAX_PENDING && fromGroup < PER_ADDRESS;
            Admissions.Arrival arrival = admissions.arrive(group, now);
            if (!admit) {
                assertThat(arrival).isInstanceOf(Admissions.Arrival.Refused.class);
                return;
            }
            assertThat(arrival).isInstanceOf(Admissions.Arrival.Admitted.class);
            live.add(new Modelled(((Admissions.Arrival.Admitted) arrival).ticket(), group, now));
        }

        void authenticate(int index) {
            if (live.isEmpty()) {
                return;
            }
            Modelled m = live.get(index % live.size());
            long authenticated = live.stream().filter(x -> x.state == Admissions.State.AUTHENTICATED).count();
            Admissions.Authentication expected;
            switch (m.state) {
                case AUTHENTICATED -> expected = Admissions.Authentication.ADMITTED;
                case PENDING -> {
                    if (authenticated < MAX_AUTHENTICATED) {
                        expected = Admissions.Authentication.ADMITTED;
                        m.state = Admissions.State.AUTHENTICATED;
                    } else {
                        expected = Admissions.Authentication.NO_SLOT;
                        m.state = Admissions.State.NOT_ADMITTED;
                    }
                }
                default -> expected = Admissions.Authentication.TOO_LATE;
            }
            assertThat(admissions.authenticate(m.ticket)).isEqualTo(expected);
        }

        void fail(int index) {
            if (live.isEmpty()) {
                return;
            }
            Modelled m = live.get(index % live.size());
            Duration delay = admissions.failed(m.ticket, now);
            if (m.state != Admissions.State.PENDING) {
                assertThat(delay).as("a connection no longer authenticating is not delayed").isZero();
                return;
            }
            m.failures++;
            assertThat(delay).isBetween(Duration.ZERO, BACKOFF.maxDelay());
            assertThat(delay).as("a connection's own repeated failures").isGreaterThanOrEqualTo(BACKOFF.delayFor(m.failures - 1));
            if (m.group.isEmpty()) {
                assertThat(delay).as("without an address only the connection's own failures count")
                        .isEqualTo(BACKOFF.delayFor(m.failures - 1));
            }
        }

        void close(int index) {
            if (live.isEmpty()) {
                return;
            }
            Modelled m = live.remove(index % live.size());
            admissions.leave(m.ticket);
            admissions.leave(m.ticket);
        }

        void tick(long seconds) {
            now += Duration.ofSeconds(seconds).toNanos();
            for (Modelled m : live) {
                boolean due = m.state == Admissions.State.PENDING && now - m.arrived >= DEADLINE.toNanos();
                assertThat(admissions.expireIfDue(m.ticket, now)).isEqualTo(due);
                if (due) {
                    m.state = Admissions.State.EXPIRED;
                }
            }
        }

        boolean invariantsHold() {
            long authenticated = live.stream().filter(m -> m.state == Admissions.State.AUTHENTICATED).count();
            assertThat(admissions.authenticated()).isEqualTo((int) authenticated).isLessThanOrEqualTo(MAX_AUTHENTICATED);
            assertThat(admissions.pending()).isEqualTo(live.size() - (int) authenticated).isLessThanOrEqualTo(MAX_PENDING);
            Map<AddressGroup, Integer> perGroup = new HashMap<>();
            for (Modelled m : live) {
                assertThat(admissions.state(m.ticket)).isEqualTo(m.state);
                if (m.state != Admissions.State.AUTHENTICATED) {
                    m.group.ifPresent(g -> perGroup.merge(g, 1, Integer::sum));
                }
            }
            for (Optional<AddressGroup> g : GROUPS) {
                g.ifPresent(group -> assertThat(admissions.pendingFrom(group)).isEqualTo(perGroup.getOrDefault(group, 0))
                        .isLessThanOrEqualTo(PER_ADDRESS));
            }
            assertThat(admissions.trackedGroups()).isLessThanOrEqualTo(BACKOFF.trackedAddresses());
            return true;
        }

        @Override
        public String toString() {
            return live.size() + " live connections at " + Duration.ofNanos(now);
        }
    }

    static Action.Independent<Model> action(Arbitrary<Transformer<Model>> t) {
        return () -> t;
    }

    @Provide
    Arbitrary<ActionChain<Model>> chains() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 20);
        return ActionChain.startWith(Model::new)
                .withAction(4, action(Arbitraries.integers().between(0, GROUPS.size() - 1)
                        .map(g -> Transformer.mutate("connect from " + GROUPS.get(g).map(AddressGroup::label).orElse("nowhere"),
                                m -> m.connect(GROUPS.get(g))))))
                .withAction(3, action(index.map(i -> Transformer.mutate("authenticate " + i, m -> m.authenticate(i)))))
                .withAction(2, action(index.map(i -> Transformer.mutate("fail " + i, m -> m.fail(i)))))
                .withAction(2, action(index.map(i -> Transformer.mutate("close " + i, m -> m.close(i)))))
                .withAction(2, action(Arbitraries.longs().between(0, 40).map(s -> Transformer.mutate("tick " + s + " s", m -> m.tick(s)))))
                .withMaxTransformations(60);
    }

    @Property(tries = 300)
    void admissionsKeepEveryLimit(@ForAll("chains") ActionChain<Model> chain) {
        chain.withInvariant("admission invariants", Model::invariantsHold).run();
    }

    /** Many addresses failing once each: the failure table forgets the oldest instead of growing. */
    @Property(tries = 20)
    void theFailureTableStaysBounded(@ForAll("addressCounts") int addresses) {
        FailureBackoff backoff = new FailureBackoff(0, Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(30), 64);
        Admissions admissions = new Admissions(ServerOptions.of(1, "x").withPreAuth(PreAuthLimits.of(1).withFailures(backoff)));
        for (int i = 0; i < addresses; i++) {
            AddressGroup group = new AddressGroup("10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff));
            Admissions.Ticket t = ((Admissions.Arrival.Admitted) admissions.arrive(Optional.of(group), i)).ticket();
            assertThat(admissions.failed(t, i)).isEqualTo(Duration.ofSeconds(1));
            admissions.leave(t);
            assertThat(admissions.trackedGroups()).isLessThanOrEqualTo(64);
        }
        assertThat(admissions.trackedGroups()).isEqualTo(Math.min(addresses, 64));
        assertThat(admissions.pending()).isZero();
    }

    @Provide
    Arbitrary<Integer> addressCounts() {
        return Arbitraries.integers().between(1, 20_000);
    }
}
