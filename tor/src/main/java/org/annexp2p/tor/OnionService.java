package org.annexp2p.tor;

import java.time.Instant;
import java.util.Optional;
import org.annexp2p.repository.creds.PrivateFile;
import org.annexp2p.tor.onion.OnionAddress;
import org.annexp2p.tor.onion.OnionTarget;
import org.annexp2p.tor.onion.TorAnnexAddress;

/**
 * An onion service this session published with ADD_ONION. Its key lives in {@link #keyFile()}, so the address
 * stays the same across restarts; the session re-publishes it after tor restarts. {@link #close()} removes it
 * (DEL_ONION).
 */
public final class OnionService implements AutoCloseable {

    private final TorSession session;
    private final PrivateFile keyFile;
    private final int virtualPort;
    private final OnionTarget target;
    private final Object lock = new Object();
    private OnionAddress address;
    private Instant publishedAt;
    private Instant uploadedAt;
    private String lastUploadFailure;
    private boolean closed;

    OnionService(TorSession session, PrivateFile keyFile, int virtualPort, OnionTarget target) {
        this.session = session;
        this.keyFile = keyFile;
        this.virtualPort = virtualPort;
        this.target = target;
    }

    public OnionAddress address() {
        synchronized (lock) {
            return address;
        }
    }

    public int virtualPort() {
        return virtualPort;
    }

    public OnionTarget target() {
        return target;
    }

    public PrivateFile keyFile() {
        return keyFile;
    }

    /** {@code tor-annex::<onion>:<port>}, what git-annex stores in p2paddrs. */
    public TorAnnexAddress torAnnexAddress() {
        return new TorAnnexAddress(address(), virtualPort);
    }

    /** When the last ADD_ONION for this service was sent. */
    public Instant publishedAt() {
        synchronized (lock) {
            return publishedAt;
        }
    }

    /** When tor first reported a descriptor upload after the last publication. */
    public Optional<Instant> uploadedAt() {
        synchronized (lock) {
            return Optional.ofNullable(uploadedAt);
        }
    }

    Optional<String> lastUploadFailure() {
        synchronized (lock) {
            return Optional.ofNullable(lastUploadFailure);
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    void published(OnionAddress a, Instant at) {
        synchronized (lock) {
            address = a;
            publishedAt = at;
            uploadedAt = null;
            lastUploadFailure = null;
            lock.notifyAll();
        }
    }

    void uploaded(Instant at) {
        synchronized (lock) {
            if (uploadedAt == null) {
                uploadedAt = at;
            }
            lock.notifyAll();
        }
    }

    void uploadFailed(String reason) {
        synchronized (lock) {
            lastUploadFailure = reason;
        }
    }

    /** Waits until a descriptor upload is reported or {@code deadline} passes. */
    Optional<Instant> awaitUpload(Instant deadline) throws InterruptedException {
        synchronized (lock) {
            while (uploadedAt == null && !closed) {
                long left = java.time.Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    break;
                }
                lock.wait(left);
            }
            return Optional.ofNullable(uploadedAt);
        }
    }

    /** Removes the onion from tor (DEL_ONION). The key file stays, so publishing again gives the same address. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
        }
        session.unpublish(this);
    }

    @Override
    public String toString() {
        return "OnionService[" + address() + ":" + virtualPort + " -> " + target.portLineTarget() + "]";
    }
}
