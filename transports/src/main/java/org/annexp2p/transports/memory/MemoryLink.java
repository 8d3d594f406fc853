package org.annexp2p.transports.memory;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** The two pipes between one dialer and one listener, and the faults applied to them. */
final class MemoryLink {

    private final MemoryPipe toListener;
    private final MemoryPipe toDialer;
    private final MemoryConnection dialerSide;
    private final MemoryConnection listenerSide;

    MemoryLink(String name, long id, int capacity, List<Fault> faults, Optional<InetAddress> dialedFrom) {
        String label = "memory " + name + " #" + id;
        this.toListener = new MemoryPipe(label, capacity, () -> breakWith("connection reset (fault: closed after a byte count)"));
        this.toDialer = new MemoryPipe(label, capacity, () -> breakWith("connection reset (fault: closed after a byte count)"));
        // Refuse is decided at dial time: a link that exists was not refused.
        for (Fault fault : faults) {
            if (fault instanceof Fault.CloseAfter c) {
                pipe(c.direction()).closeAfter(c.bytes());
            } else if (fault instanceof Fault.StallAfter s) {
                pipe(s.direction()).stallAfter(s.bytes());
            } else if (fault instanceof Fault.Slow s) {
                toListener.maxPerRead(s.maxBytesPerRead());
                toDialer.maxPerRead(s.maxBytesPerRead());
            }
        }
        this.dialerSide = new MemoryConnection(label + " (dialer side)", this, toDialer, toListener, Optional.empty());
        this.listenerSide = new MemoryConnection(label + " (listener side" + dialedFrom.map(a -> ", from " + a.getHostAddress()).orElse("")
                + ")", this, toListener, toDialer, dialedFrom);
    }

    MemoryConnection dialerSide() {
        return dialerSide;
    }

    MemoryConnection listenerSide() {
        return listenerSide;
    }

    void breakWith(String reason) {
        toListener.breakWith(reason);
        toDialer.breakWith(reason);
    }

    void stallNow() {
        toListener.stallNow();
        toDialer.stallNow();
    }

    void release() {
        toListener.release();
        toDialer.release();
    }

    private MemoryPipe pipe(Direction direction) {
        return direction == Direction.TO_LISTENER ? toListener : toDialer;
    }
}
