package org.annexp2p.transports;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What every connection a {@link ConnectionServer} serves shares with it: its handler, limits and clock, the pools a
 * connection's turns and closes run on, and the counts the server reports. One per server, passed to each
 * {@link Served}, so two servers in one process share nothing.
 *
 * @param handlers runs a connection's handler, and a parked one's continuation when its peer speaks
 * @param closers closes connections whose deadline passed, off the timer thread, which must never wait on one
 * @param active the connections being served, which a connection leaves when it ends
 * @param running connections whose handler is running on a thread right now
 * @param expired connections closed because they had not authenticated by the deadline
 * @param stopping whether the server has begun to close
 */
record ServerParts(ConnectionHandler handler, ServerOptions options, ServerClock clock, Admissions admissions,
        Refusals refusals, Executor handlers, Executor closers, Set<Served> active, AtomicInteger running,
        AtomicLong expired, BooleanSupplier stopping) {
}
