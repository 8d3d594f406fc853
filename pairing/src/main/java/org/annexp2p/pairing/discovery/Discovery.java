package org.annexp2p.pairing.discovery;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.transports.datagram.Datagram;

/**
 * Authenticated LAN discovery over any number of {@link DiscoveryChannel}s.
 *
 * <p>One daemon receiver thread per channel reads datagrams, filters them (MAC, freshness, replay) and
 * queues what other devices announce. Our own announcements are recognised by device id and only counted,
 * because a working loopback of our own multicast is itself a diagnostic. A {@link Announcement.WhereIs}
 * for one of {@code servedRepositories} is answered at once with a {@link Announcement.HereIs}, sent to the
 * channel's groups rather than back to the asker: several processes on one host share the discovery port, and
 * the kernel hands a unicast reply to only one of them.
 */
public final class Discovery implements Closeable {

    private static final Logger LOG = Logger.getLogger(Discovery.class.getName());
    private static final Duration RECEIVE_SLICE = Duration.ofMillis(200);
    private static final int QUEUE_LIMIT = 1024;
    static final long DUPLICATE_WINDOW_MILLIS = 1000;

    private final DeviceId self;
    private final AnnouncementCodec codec;
    private final ReplayGuard guard;
    private final Clock clock;
    private final List<DiscoveryChannel> channels;
    private final Set<UUID> servedRepositories;
    private final int listenerPort;
    private final long notifierId;
    private final BlockingQueue<Heard> heard = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    private final List<Thread> receivers = new ArrayList<>();
    private final Map<Refusal, Integer> refused = new EnumMap<>(Refusal.class);
    private final Map<String, String> sendFailures = new LinkedHashMap<>();
    private final List<InetSocketAddress> ownSources = new ArrayList<>();
    // Nonces we accepted, with when: the same announcement arriving again within DUPLICATE_WINDOW_MILLIS through
    // another socket or path (group and broadcast, one socket per interface) is a duplicate, not a replay, and
    // must not alarm anyone in doctor. Later copies are replays.
    private final Map<Nonce, Long> acceptedNonces = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Nonce, Long> eldest) {
            return size() > 4096;
        }
    };
    private int duplicates;
    private int accepted;
    private int ownHeard;
    private volatile boolean closed;

    public Discovery(DeviceId self, SharedSecret secret, Clock clock, List<DiscoveryChannel> channels,
            int listenerPort, long notifierId, Set<UUID> servedRepositories) {
        this.self = self;
        this.codec = new AnnouncementCodec(secret);
        this.guard = new ReplayGuard(clock);
        this.clock = clock;
        this.channels = List.copyOf(channels);
        this.listenerPort = listenerPort;
        this.notifierId = notifierId;
        this.servedRepositories = Set.copyOf(servedRepositories);
        for (DiscoveryChannel channel : this.channels) {
            Thread t = new Thread(() -> receiveLoop(channel), "discovery " + channel.name());
            t.setDaemon(true);
            receivers.add(t);
            t.start();
        }
    }

    public DeviceId self() {
        return self;
    }

    /** Announces our presence on every channel; failures are recorded per channel, never thrown. */
    public void announcePresence() {
        send(new Announcement.Presence(self, listenerPort, notifierId, Nonce.random(), clock.millis()));
    }

    /** Sends one announcement to every target of every channel. */
    public void send(Announcement announcement) {
        byte[] bytes = codec.encode(announcement);
        for (DiscoveryChannel channel : channels) {
            for (InetSocketAddress target : channel.targets()) {
                sendTo(channel, target, bytes);
            }
        }
    }

    /** Waits up to {@code timeout} for the next announcement from another device. */
    public Optional<Heard> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(heard.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /**
     * Announces presence every {@code interval} until an announcement matching {@code wanted} arrives or
     * {@code bound} passes.
     */
    public Optional<Heard> find(Predicate<Heard> wanted, Duration interval, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            announcePresence();
            long sliceEnd = Math.min(deadline, System.nanoTime() + interval.toNanos());
            while (true) {
                long left = sliceEnd - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Optional<Heard> h = next(Duration.ofNanos(left));
                if (h.isPresent() && wanted.test(h.get())) {
                    return h;
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
        }
    }

    /** "Where is repository {@code repository} now?": asks every {@code interval} until answered or {@code bound}. */
    public Optional<Heard> locate(UUID repository, Duration interval, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() - deadline < 0) {
            send(new Announcement.WhereIs(self, repository, Nonce.random(), clock.millis()));
            long sliceEnd = Math.min(deadline, System.nanoTime() + interval.toNanos());
            long left;
            while ((left = sliceEnd - System.nanoTime()) > 0) {
                Optional<Heard> h = next(Duration.ofNanos(left));
                if (h.isPresent() && h.get().announcement() instanceof Announcement.HereIs here && here.repository().equals(repository)) {
                    return h;
                }
            }
        }
        return Optional.empty();
    }

    public synchronized DiscoveryStats stats() {
        return new DiscoveryStats(accepted, ownHeard, duplicates, refused, sendFailures);
    }

    /** Source addresses our own announcements came back from: how the link sees us (self-IP stage 3). */
    public synchronized List<InetSocketAddress> ownSources() {
        return List.copyOf(ownSources);
    }

    @Override
    public void close() {
        closed = true;
        for (DiscoveryChannel channel : channels) {
            channel.endpoint().close();
        }
        for (Thread t : receivers) {
            try {
                t.join(Duration.ofSeconds(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sendTo(DiscoveryChannel channel, InetSocketAddress target, byte[] bytes) {
        try {
            channel.endpoint().send(target, bytes);
        } catch (IOException e) {
            synchronized (this) {
                sendFailures.put(channel.name() + " -> " + target.getAddress().getHostAddress(), e.getMessage());
            }
        }
    }

    private void receiveLoop(DiscoveryChannel channel) {
        while (!closed) {
            Optional<Datagram> datagram;
            try {
                datagram = channel.endpoint().receive(RECEIVE_SLICE);
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "discovery stopped receiving on {0}: {1}", new Object[] {channel.name(), e.getMessage()});
                }
                return;
            }
            datagram.ifPresent(d -> handle(channel, d));
        }
    }

    private void handle(DiscoveryChannel channel, Datagram datagram) {
        Verdict verdict = codec.decode(datagram.payload());
        // Our own announcement arrives once per target (group and broadcast): recognise it before the replay guard.
        if (verdict instanceof Verdict.Accepted own && own.announcement().device().equals(self)) {
            synchronized (this) {
                ownHeard++;
                if (!ownSources.contains(datagram.from()) && ownSources.size() < 64) {
                    ownSources.add(datagram.from());
                }
            }
            return;
        }
        if (verdict instanceof Verdict.Accepted fresh) {
            verdict = guard.check(fresh.announcement());
        }
        if (verdict instanceof Verdict.Refused r) {
            synchronized (this) {
                if (r.reason() == Refusal.REPLAYED && codec.decode(datagram.payload()) instanceof Verdict.Accepted again
                        && clock.millis() - acceptedNonces.getOrDefault(again.announcement().nonce(), Long.MIN_VALUE / 2) <= DUPLICATE_WINDOW_MILLIS) {
                    duplicates++;
                    return;
                }
                refused.merge(r.reason(), 1, Integer::sum);
            }
            LOG.log(Level.FINE, "ignored datagram from {0}: {1}", new Object[] {datagram.from(), r.describe()});
            return;
        }
        Announcement announcement = ((Verdict.Accepted) verdict).announcement();
        synchronized (this) {
            accepted++;
            acceptedNonces.put(announcement.nonce(), clock.millis());
        }
        if (announcement instanceof Announcement.WhereIs q && servedRepositories.contains(q.repository())) {
            byte[] answer = codec.encode(new Announcement.HereIs(self, q.repository(), listenerPort, notifierId, Nonce.random(), clock.millis()));
            for (InetSocketAddress target : channel.targets()) {
                sendTo(channel, target, answer);
            }
        }
        if (!heard.offer(new Heard(datagram.from(), channel.name(), announcement))) {
            LOG.log(Level.FINE, "discovery queue full; dropped an announcement from {0}", datagram.from());
        }
    }
}
