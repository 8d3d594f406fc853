package org.annexp2p.transports.contract;

import org.annexp2p.transports.Admission;
import org.annexp2p.transports.ConnectionServer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link Admission} for calling a handler without a {@link ConnectionServer}: it admits every authenticated
 * peer, answers failures at once, and counts both, so a test can tell what the handler reported.
 */
public final class RecordingAdmission implements Admission {

    private final AtomicInteger authenticated = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    @Override
    public boolean authenticated() {
        authenticated.incrementAndGet();
        return true;
    }

    @Override
    public void authenticationFailed() {
        failed.incrementAndGet();
    }

    @Override
    public boolean closedByServer() {
        return false;
    }

    public int authentications() {
        return authenticated.get();
    }

    public int failures() {
        return failed.get();
    }
}
