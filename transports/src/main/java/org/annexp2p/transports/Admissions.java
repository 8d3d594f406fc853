package org.annexp2p.transports;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which connections a {@link ConnectionServer} lets in, as a state machine without threads or clocks of its own
 * (time is passed in), so that it can be tested command by command.
 *
 * <p>A connection arrives <em>pending</em> (not authenticated), counted against {@link PreAuthLimits#maxConnections()}
 * and, if its address forms a group, against {@link PreAuthLimits#maxPerAddress()}. It becomes
 * <em>authenticated</em> only by taking one of {@link ServerOptions#maxConnections()} authenticated slots, which
 * pending connections never hold; or it <em>expires</em> at the deadline. It keeps what it holds until it
 * {@linkplain #leave leaves} (its handler has returned), since until then it still has a thread.
 */
final class Admissions {

    enum State {
        PENDING,
        /** Holds an authenticated slot. */
        AUTHENTICATED,
        /** Authenticated while no slot was free: refused, still pending until it leaves. */
        NOT_ADMITTED,
        /** The deadline passed before it authenticated: closed, still pending until it leaves. */
        EXPIRED,
        LEFT
    }

    /** One admitted connection. Its fields change only under the {@link Admissions} lock. */
    static final class Ticket {
        final Optional<AddressGroup> group;
        final long arrivedNanos;
        State state = State.PENDING;
        long failures;

        private Ticket(Optional<AddressGroup> group, long arrivedNanos) {
            this.group = group;
            this.arrivedNanos = arrivedNanos;
        }
    }

    /** What became of an arriving connection. */
    sealed interface Arrival {
        record Admitted(Ticket ticket) implements Arrival {}

        /** @param why one line for the log, e.g. "100 connections are waiting to authenticate" */
        record Refused(String why) implements Arrival {}
    }

    enum Authentication { ADMITTED, NO_SLOT, TOO_LATE }

    private final int maxAuthenticated;
    private final PreAuthLimits limits;
    private final AuthFailures failures;
    private final Map<AddressGroup, Integer> pendingByGroup = new HashMap<>();
    private int pending;
    private int authenticated;

    Admissions(ServerOptions options) {
        this.maxAuthenticated = options.maxConnections();
        this.limits = options.preAuth();
        this.failures = new AuthFailures(limits.failures());
    }

    synchronized Arrival arrive(Optional<AddressGroup> group, long nowNanos) {
        if (pending >= limits.maxConnections()) {
            return new Arrival.Refused(pending + " connections are waiting to authenticate");
        }
        if (group.isPresent() && pendingByGroup.getOrDefault(group.get(), 0) >= limits.maxPerAddress()) {
            return new Arrival.Refused(limits.maxPerAddress() + " connections from " + group.get() + " are waiting to authenticate");
        }
        pending++;
        group.ifPresent(g -> pendingByGroup.merge(g, 1, Integer::sum));
        return new Arrival.Admitted(new Ticket(group, nowNanos));
    }

    /** The peer proved who it is: it takes an authenticated slot, if one is free and it is still in time. */
    synchronized Authentication authenticate(Ticket ticket) {
        if (ticket.state == State.AUTHENTICATED) {
            return Authentication.ADMITTED;
        }
        if (ticket.state != State.PENDING) {
            return Authentication.TOO_LATE;
        }
        if (authenticated >= maxAuthenticated) {
            ticket.state = State.NOT_ADMITTED;
            return Authentication.NO_SLOT;
        }
        releasePending(ticket);
        authenticated++;
        ticket.state = State.AUTHENTICATED;
        return Authentication.ADMITTED;
    }

    /** True if {@code ticket} was pending and its deadline has passed: it expires now (its connection is to be closed). */
    synchronized boolean expireIfDue(Ticket ticket, long nowNanos) {
        if (ticket.state != State.PENDING || nowNanos - ticket.arrivedNanos < limits.deadline().toNanos()) {
            return false;
        }
        ticket.state = State.EXPIRED;
        return true;
    }

    /** True if {@code ticket} was pending: it expires now, deadline or not (the server is shutting down). */
    synchronized boolean expireNow(Ticket ticket) {
        if (ticket.state != State.PENDING) {
            return false;
        }
        ticket.state = State.EXPIRED;
        return true;
    }

    /**
     * The peer presented a wrong credential: records it against the connection and its address group, and
     * returns how long to hold back the answer. Zero for a connection no longer pending.
     */
    synchronized Duration failed(Ticket ticket, long nowNanos) {
        if (ticket.state != State.PENDING) {
            return Duration.ZERO;
        }
        ticket.failures++;
        Duration own = limits.failures().delayFor(ticket.failures - 1);
        Duration shared = ticket.group.map(g -> failures.record(g, nowNanos)).orElse(Duration.ZERO);
        return own.compareTo(shared) >= 0 ? own : shared;
    }

    /** The connection's handler has returned: whatever it held is free again. Idempotent. */
    synchronized void leave(Ticket ticket) {
        if (ticket.state == State.LEFT) {
            return;
        }
        if (ticket.state == State.AUTHENTICATED) {
            authenticated--;
        } else {
            releasePending(ticket);
        }
        ticket.state = State.LEFT;
    }

    private void releasePending(Ticket ticket) {
        pending--;
        ticket.group.ifPresent(g -> pendingByGroup.computeIfPresent(g, (k, n) -> n == 1 ? null : n - 1));
    }

    synchronized State state(Ticket ticket) {
        return ticket.state;
    }

    synchronized int pending() {
        return pending;
    }

    synchronized int pendingFrom(AddressGroup group) {
        return pendingByGroup.getOrDefault(group, 0);
    }

    synchronized int authenticated() {
        return authenticated;
    }

    synchronized long failuresFrom(AddressGroup group, long nowNanos) {
        return failures.failures(group, nowNanos);
    }

    synchronized int trackedGroups() {
        return failures.trackedGroups();
    }
}
