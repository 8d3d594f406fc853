package org.annexp2p.pairing.selfip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the address other devices on the LAN can reach us at, in three stages, each falling through to the next
 * with its reason:
 * <ol>
 *   <li>the preferred outbound address (the kernel's route choice, learnt by a UDP {@code connect()} that sends
 *       no packet), confirmed by calling our own probe listener at it;</li>
 *   <li>every private interface address, each confirmed by an inbound call to the listener (bound to all
 *       addresses) that names the address it targeted;</li>
 *   <li>discovery: the source address our own announcement comes back from.</li>
 * </ol>
 */
public final class SelfIp {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private SelfIp() {
    }

    /** Runs the stages against {@code listener} (normally bound to the wildcard address). */
    public static SelfIpReport acquire(SelfIpOptions options, ProbeListener listener) {
        List<SelfIpReport.StageReport> stages = new ArrayList<>();

        SelfIpReport.StageReport first = outboundStage(options, listener);
        stages.add(first);
        if (first.succeeded()) {
            return new SelfIpReport(Optional.of(first.confirmed().get(0)), stages);
        }
        SelfIpReport.StageReport second = interfaceStage(options, listener);
        stages.add(second);
        if (second.succeeded()) {
            return new SelfIpReport(Optional.of(second.confirmed().get(0)), stages);
        }
        SelfIpReport.StageReport third = discoveryStage(options);
        stages.add(third);
        return new SelfIpReport(third.succeeded() ? Optional.of(third.confirmed().get(0)) : Optional.empty(), stages);
    }

    /** Opens a wildcard probe listener on an ephemeral port, runs {@link #acquire}, and closes it. */
    public static SelfIpReport acquire(SelfIpOptions options) {
        try (ProbeListener listener = ProbeListener.open(new InetSocketAddress(0), options.probeTimeout())) {
            return acquire(options, listener);
        } catch (IOException e) {
            return new SelfIpReport(Optional.empty(), List.of(new SelfIpReport.StageReport(SelfIpReport.Stage.OUTBOUND_ROUTE, false, List.of(),
                    "cannot open a probe listener: " + e.getMessage())));
        }
    }

    /** Up, non-loopback interfaces' private addresses: RFC 1918, IPv4 link-local, IPv6 unique-local. */
    public static List<InetAddress> privateInterfaceAddresses() {
        List<InetAddress> result = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    if (isPrivate(ia.getAddress())) {
                        result.add(ia.getAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return result;
    }

    static boolean isPrivate(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.isSiteLocalAddress() || a.isLinkLocalAddress();
        }
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC;
    }

    /**
     * Calls {@code listener} at {@code address}: succeeds only if the call arrives on exactly that address
     * carrying our code.
     */
    static Optional<String> probe(InetAddress address, ProbeListener listener, Duration timeout) {
        byte[] codeBytes = new byte[16];
        RANDOM.nextBytes(codeBytes);
        String code = HexFormat.of().formatHex(codeBytes);
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, listener.port()), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(("PROBE " + address.getHostAddress() + " " + code + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (answer == null) {
                return Optional.of("the listener at " + address.getHostAddress() + " closed without answering");
            }
        } catch (IOException e) {
            return Optional.of("cannot reach our own listener at " + address.getHostAddress() + ":" + listener.port() + ": " + e.getMessage());
        }
        Optional<ProbeListener.Arrival> arrival = listener.arrival(code);
        if (arrival.isEmpty()) {
            return Optional.of("something else answered at " + address.getHostAddress() + ":" + listener.port() + " (our code never reached our listener)");
        }
        if (!arrival.get().arrivedOn().equals(address) || !arrival.get().namedTarget().equals(address)) {
            return Optional.of("the call to " + address.getHostAddress() + " arrived on " + arrival.get().arrivedOn().getHostAddress());
        }
        return Optional.empty();
    }

    private static SelfIpReport.StageReport outboundStage(SelfIpOptions options, ProbeListener listener) {
        InetAddress preferred;
        try (DatagramSocket socket = new DatagramSocket()) {
            // connect() on UDP only selects a route and a source address; nothing is sent.
            socket.connect(options.outboundTarget());
            preferred = socket.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            return fail(SelfIpReport.Stage.OUTBOUND_ROUTE, "no route towards " + options.outboundTarget().getAddress().getHostAddress() + ": " + e.getMessage());
        }
        if (preferred == null || preferred.isAnyLocalAddress()) {
            return fail(SelfIpReport.Stage.OUTBOUND_ROUTE, "the kernel chose no source address towards " + options.outboundTarget().getAddress().getHostAddress());
        }
        if (preferred.isLoopbackAddress() && !options.acceptLoopback()) {
            return fail(SelfIpReport.Stage.OUTBOUND_ROUTE, "the preferred outbound address is loopback (" + preferred.getHostAddress() + "): no LAN route");
        }
        Optional<String> problem = probe(preferred, listener, options.probeTimeout());
        if (problem.isPresent()) {
            return fail(SelfIpReport.Stage.OUTBOUND_ROUTE, "preferred outbound address " + preferred.getHostAddress() + " not confirmed: " + problem.get());
        }
        return new SelfIpReport.StageReport(SelfIpReport.Stage.OUTBOUND_ROUTE, true, List.of(preferred),
                "preferred outbound address " + preferred.getHostAddress() + " confirmed by a call to our own listener");
    }

    private static SelfIpReport.StageReport interfaceStage(SelfIpOptions options, ProbeListener listener) {
        List<InetAddress> candidates = options.candidates().get();
        if (candidates.isEmpty()) {
            return fail(SelfIpReport.Stage.INTERFACE_PROBE, "no private interface address (is this machine on a LAN?)");
        }
        List<InetAddress> confirmed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (InetAddress candidate : candidates) {
            if (candidate.isLoopbackAddress() && !options.acceptLoopback()) {
                problems.add(candidate.getHostAddress() + " is loopback");
                continue;
            }
            probe(candidate, listener, options.probeTimeout()).ifPresentOrElse(problems::add, () -> confirmed.add(candidate));
        }
        if (confirmed.isEmpty()) {
            return fail(SelfIpReport.Stage.INTERFACE_PROBE, "no interface address confirmed: " + String.join("; ", problems));
        }
        return new SelfIpReport.StageReport(SelfIpReport.Stage.INTERFACE_PROBE, true, confirmed,
                confirmed.size() + " of " + candidates.size() + " interface addresses confirmed"
                        + (problems.isEmpty() ? "" : "; not confirmed: " + String.join("; ", problems)));
    }

    private static SelfIpReport.StageReport discoveryStage(SelfIpOptions options) {
        List<InetAddress> sources = new ArrayList<>();
        for (InetAddress a : options.ownSourcesByDiscovery().apply(options.probeTimeout())) {
            if ((options.acceptLoopback() || !a.isLoopbackAddress()) && !sources.contains(a)) {
                sources.add(a);
            }
        }
        if (sources.isEmpty()) {
            return fail(SelfIpReport.Stage.DISCOVERY, "our own announcement did not come back from a usable address within "
                    + options.probeTimeout().toMillis() + " ms (multicast and broadcast may be blocked here)");
        }
        return new SelfIpReport.StageReport(SelfIpReport.Stage.DISCOVERY, true, sources, "our own announcement came back from " + sources);
    }

    private static SelfIpReport.StageReport fail(SelfIpReport.Stage stage, String detail) {
        return new SelfIpReport.StageReport(stage, false, List.of(), detail);
    }

    /** Parses a literal IP without ever resolving a name. */
    static InetAddress literal(String text) throws IOException {
        if (IPV4.matcher(text).matches()) {
            // InetAddress.getByName would send an out-of-range dotted quad to DNS; parse it here instead.
            String[] parts = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    throw new IOException("not a literal IP address: " + text);
                }
                bytes[i] = (byte) octet;
            }
            return InetAddress.getByAddress(bytes);
        }
        if (!IPV6.matcher(text).matches()) {
            throw new IOException("not a literal IP address: " + text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IOException("not a literal IP address: " + text, e);
        }
    }

    static InetAddress literalOrThrow(String text) {
        try {
            return literal(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
