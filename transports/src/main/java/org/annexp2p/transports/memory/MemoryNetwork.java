package org.annexp2p.transports.memory;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Dialer;
import org.annexp2p.transports.Listener;

/**
 * An in-VM stream network: listeners bind to names, dialers connect by name.
 *
 * <p>Each connection is two bounded pipes of {@code bufferSize} bytes, so a writer to a peer that does not
 * read blocks after at most that many bytes. Faults are configured per listener name with
 * {@link #inject(String, Fault...)} (they apply to links dialed afterwards) and by
 * {@link #partition(String)} / {@link #heal(String)}, {@link #stall(String)} / {@link #release(String)},
 * which act on live links too. Everything is deterministic: faults trigger on exact byte counts.
 */
public final class MemoryNetwork {

    /** Default pipe capacity per direction. */
    public static final int DEFAULT_BUFFER = 64 * 1024;

    private final int bufferSize;
    private final Object lock = new Object();
    private final Map<String, MemoryListener> listeners = new HashMap<>();
    private final Map<String, List<Fault>> faults = new HashMap<>();
    private final Set<String> partitioned = new HashSet<>();
    private final Map<String, Set<MemoryLink>> links = new HashMap<>();
    private long nextId = 1;

    public MemoryNetwork() {
        this(DEFAULT_BUFFER);
    }

    public MemoryNetwork(int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be >= 1, was " + bufferSize);
        }
        this.bufferSize = bufferSize;
    }

    /** Binds a listener to {@code name}; fails if the name is taken. */
    public Listener listen(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        synchronized (lock) {
            if (listeners.containsKey(name)) {
                throw new IOException("address already in use: memory:" + name);
            }
            MemoryListener listener = new MemoryListener(this, name);
            listeners.put(name, listener);
            return listener;
        }
    }

    /** A dialer whose addresses are listener names. */
    public Dialer dialer() {
        return this::dial;
    }

    /** Connects to the listener bound to {@code name}. In memory a dial never waits, so the timeout only bounds nothing. */
    public Connection dial(String name, Duration timeout) throws IOException {
        return dial(name, Optional.empty(), timeout);
    }

    /**
     * As {@link #dial(String, Duration)}, the listener seeing the connection come from {@code from}
     * ({@link Connection#remoteAddress()}); without it, the listener sees no address.
     */
    public Connection dialFrom(InetAddress from, String name, Duration timeout) throws IOException {
        return dial(name, Optional.of(from), timeout);
    }

    /** A dialer whose connections come from {@code from} (see {@link #dialFrom}). */
    public Dialer dialerFrom(InetAddress from) {
        return (name, timeout) -> dialFrom(from, name, timeout);
    }

    private Connection dial(String name, Optional<InetAddress> from, Duration timeout) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeout, "timeout");
        MemoryLink link;
        MemoryListener listener;
        synchronized (lock) {
            listener = listeners.get(name);
            List<Fault> active = faults.getOrDefault(name, List.of());
            if (listener == null || partitioned.contains(name) || active.stream().anyMatch(f -> f instanceof Fault.Refuse)) {
                throw new IOException("connection refused: memory:" + name);
            }
            link = new MemoryLink(name, nextId++, bufferSize, active, from);
            links.computeIfAbsent(name, n -> Collections.newSetFromMap(new WeakHashMap<>())).add(link);
        }
        if (!listener.offer(link.listenerSide())) {
            link.breakWith("connection refused");
            throw new IOException("connection refused: memory:" + name);
        }
        return link.dialerSide();
    }

    /** Replaces the faults for links to {@code name} dialed from now on. */
    public void inject(String name, Fault... newFaults) {
        synchronized (lock) {
            faults.put(name, List.of(newFaults));
        }
    }

    public void clearFaults(String name) {
        synchronized (lock) {
            faults.remove(name);
        }
    }

    /** Breaks every live link to {@code name} and refuses new dials until {@link #heal(String)}. */
    public void partition(String name) {
        for (MemoryLink link : linksTo(name, true)) {
            link.breakWith("connection reset (network partition)");
        }
    }

    public void heal(String name) {
        synchronized (lock) {
            partitioned.remove(name);
        }
    }

    /** Stops delivery on every live link to {@code name}, both ways, until {@link #release(String)}. */
    public void stall(String name) {
        for (MemoryLink link : linksTo(name, false)) {
            link.stallNow();
        }
    }

    /** Lets stalled links to {@code name} deliver again. */
    public void release(String name) {
        for (MemoryLink link : linksTo(name, false)) {
            link.release();
        }
    }

    void unbind(String name, MemoryListener listener) {
        synchronized (lock) {
            listeners.remove(name, listener);
        }
    }

    private List<MemoryLink> linksTo(String name, boolean partition) {
        synchronized (lock) {
            if (partition) {
                partitioned.add(name);
            }
            return new ArrayList<>(links.getOrDefault(name, Set.of()));
        }
    }
}
