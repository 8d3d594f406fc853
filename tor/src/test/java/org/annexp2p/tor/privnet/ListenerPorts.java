package org.annexp2p.tor.privnet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the private network's tors listen: loopback ports that are free when asked, for one node at a time (a
 * test can hand a node a taken port, to see the network start again).
 */
@FunctionalInterface
interface ListenerPorts {

    /** {@code count} distinct ports for the listeners of {@code node}. */
    int[] take(String node, int count) throws IOException;

    /** Free ports outside the kernel's ephemeral range, or, where the range leaves none, ports the kernel picks. */
    static ListenerPorts ofThisMachine() throws IOException {
        return OutsideEphemeralRange.ofKernel();
    }

    /**
     * Free loopback ports no outgoing connection can take. A port picked free and released is bound by tor a
     * moment later; if it came from the ephemeral range, any connect() in between (the network's own relays
     * connect to each other all through its start, and other programs share the machine) can be given that port
     * as its local end, and tor then exits with "Failed to bind one of the listener ports". The kernel never gives
     * an outgoing connection a port outside net.ipv4.ip_local_port_range, so only another program binding the
     * same port on purpose, in that moment, can still collide (the network starts again then).
     */
    final class OutsideEphemeralRange implements ListenerPorts {
        static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        /** Below this, well-known ports of local services (tor's 9050 and 9051 among them). */
        static final int LOWEST = 20000;
        static final int HIGHEST = 65535;

        private final int lowest;
        private final int ephemeralLow;
        private final int ephemeralHigh;
        /** Ports already given to a node: free until its tor binds them, so a port check alone would repeat them. */
        private final Set<Integer> handedOut = new HashSet<>();

        OutsideEphemeralRange(int ephemeralLow, int ephemeralHigh) {
            this(LOWEST, ephemeralLow, ephemeralHigh);
        }

        /** With another lowest port than {@link #LOWEST}, for a test that needs few candidates. */
        OutsideEphemeralRange(int lowest, int ephemeralLow, int ephemeralHigh) {
            this.lowest = lowest;
            this.ephemeralLow = ephemeralLow;
            this.ephemeralHigh = ephemeralHigh;
        }

        int ephemeralLow() {
            return ephemeralLow;
        }

        int ephemeralHigh() {
            return ephemeralHigh;
        }

        static OutsideEphemeralRange ofKernel() throws IOException {
            // a /proc file says its size is 0: read it as a stream (Files.readString stops short)
            try (java.io.InputStream in = Files.newInputStream(RANGE)) {
                return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII));
            }
        }

        /** The two numbers of ip_local_port_range ("32768\t60999\n"). */
        static OutsideEphemeralRange parse(String range) throws IOException {
            String[] bounds = range.strip().split("\\s+");
            if (bounds.length != 2) {
                throw new IOException("unexpected ip_local_port_range: " + range.strip());
            }
            try {
                return new OutsideEphemeralRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
            } catch (NumberFormatException e) {
                throw new IOException("unexpected ip_local_port_range: " + range.strip(), e);
            }
        }

        /** How many ports lie outside the ephemeral range, from the lowest to {@link #HIGHEST}. */
        int candidates() {
            return below() + Math.max(0, HIGHEST - Math.max(ephemeralHigh, lowest - 1));
        }

        /** The {@code i}th candidate: first those below the range, then those above it. */
        int candidate(int i) {
            return i < below() ? lowest + i : Math.max(ephemeralHigh, lowest - 1) + 1 + i - below();
        }

        private int below() {
            return Math.max(0, ephemeralLow - lowest);
        }

        @Override
        public synchronized int[] take(String node, int count) throws IOException {
            int n = candidates();
            if (n < count) {
                return kernelPicked(count);
            }
            // a random start, so networks starting at once in other JVMs rarely try the same ports
            int start = ThreadLocalRandom.current().nextInt(n);
            int[] ports = new int[count];
            int found = 0;
            for (int k = 0; k < n && found < count; k++) {
                int port = candidate((start + k) % n);
                if (!handedOut.contains(port) && isFree(port)) {
                    handedOut.add(port);
                    ports[found++] = port;
                }
            }
            if (found < count) {
                throw new IOException("no " + count + " free loopback ports outside the ephemeral range " + ephemeralLow
                        + "-" + ephemeralHigh + " for " + node);
            }
            return ports;
        }

        private static boolean isFree(int port) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort() == port;
            } catch (IOException taken) {
                return false;
            }
        }

        /** Ports the kernel picks (from its ephemeral range), all bound at once so they differ, then released. */
        private static int[] kernelPicked(int count) throws IOException {
            int[] ports = new int[count];
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    held.add(s);
                    ports[i] = s.getLocalPort();
                }
            } finally {
                for (ServerSocket s : held) {
                    s.close();
                }
            }
            return ports;
        }
    }
}
