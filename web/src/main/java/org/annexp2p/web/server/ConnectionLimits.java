package org.annexp2p.web.server;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Bounds on connections, so that a flood cannot starve the page: at most {@code waiting} connections that have
 * not yet shown the token (a new one beyond that pushes out the oldest, which has had the longest to speak), and at
 * most {@code open} in all (beyond that a new connection is closed at once). A browser's connection shows the token
 * with its first request, within moments, so it is not the one pushed out.
 */
final class ConnectionLimits {
    private final int waiting;
    private final int open;
    private final Deque<Channel> unproven = new ArrayDeque<>();
    private final Set<Channel> proven = new HashSet<>();

    ConnectionLimits(int waiting, int open) {
        this.waiting = waiting;
        this.open = open;
    }

    /** A new connection: false if it must be closed; may close the oldest connection still waiting. */
    boolean admit(Channel channel) {
        Channel pushedOut = null;
        synchronized (this) {
            if (unproven.size() + proven.size() >= open && unproven.isEmpty()) {
                return false;
            }
            if (unproven.size() >= waiting || unproven.size() + proven.size() >= open) {
                pushedOut = unproven.pollFirst();
            }
            unproven.addLast(channel);
        }
        if (pushedOut != null) {
            pushedOut.close();
        }
        channel.closeFuture().addListener(f -> forget(channel));
        return true;
    }

    /** The connection showed the token. */
    synchronized void proven(Channel channel) {
        if (unproven.remove(channel)) {
            proven.add(channel);
        }
    }

    private synchronized void forget(Channel channel) {
        unproven.remove(channel);
        proven.remove(channel);
    }
}
