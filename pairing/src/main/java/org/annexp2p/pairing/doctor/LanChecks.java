package org.annexp2p.pairing.doctor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.annexp2p.pairing.confirm.ConfirmationListener;
import org.annexp2p.pairing.discovery.DeviceId;
import org.annexp2p.pairing.discovery.Discovery;
import org.annexp2p.pairing.discovery.LanChannels;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.selfip.SelfIp;
import org.annexp2p.pairing.selfip.SelfIpReport;
import org.annexp2p.pairing.tls.TlsIdentity;

/**
 * The LAN part of {@code annex-p2p doctor}: interfaces, listener port, own address (self-IP stages), multicast
 * send/receive self-test, confirmation listener. Every check runs, whatever the others found, and each turns any
 * error into a {@code fail} with its reason; nothing is thrown.
 */
final class LanChecks {

    private static final List<String> VPN_PREFIXES = List.of("tun", "tap", "wg", "tailscale", "utun", "ppp", "zt", "nordlynx", "proton");

    private static final String MULTICAST_FIX = "pair by wormhole instead (`annex-p2p pair`), or let multicast UDP through the firewall on the local network";
    private static final String CONFIRMATION_FIX = "let incoming TCP to annex-p2p through the firewall, or pair by wormhole (`annex-p2p pair`)";

    private LanChecks() {
    }

    public static List<Check> run(LanCheckOptions options) {
        List<Check> checks = new ArrayList<>();
        checks.add(guard("network interfaces", LanChecks::interfaces));
        checks.add(guard("listener port", () -> listenerPort(options)));
        List<InetAddress> ownSources = new ArrayList<>();
        checks.add(guard("multicast self-test", () -> multicast(options, ownSources)));
        SelfIpReport[] report = new SelfIpReport[1];
        checks.add(guard("own address", () -> ownAddress(options, ownSources, report)));
        checks.add(guard("confirmation listener", () -> confirmation(options, report[0])));
        return checks;
    }

    private interface CheckBody {
        Check run() throws Exception;
    }

    private static Check guard(String name, CheckBody body) {
        try {
            return body.run();
        } catch (Exception e) {
            return Check.fail(name, "the check itself failed: " + e, Doctor.AGAIN);
        }
    }

    private static Check interfaces() throws SocketException {
        List<String> up = new ArrayList<>();
        List<String> vpn = new ArrayList<>();
        boolean lan = false;
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            List<String> addresses = new ArrayList<>();
            for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                addresses.add(ia.getAddress().getHostAddress().replaceFirst("%.*$", "") + "/" + ia.getNetworkPrefixLength());
                lan |= ia.getAddress().isSiteLocalAddress() || (ia.getAddress().getAddress().length == 16 && (ia.getAddress().getAddress()[0] & 0xFE) == 0xFC);
            }
            up.add(nif.getName() + (nif.supportsMulticast() ? "" : " (no multicast)") + " " + addresses);
            String lower = nif.getName().toLowerCase(Locale.ROOT);
            if (VPN_PREFIXES.stream().anyMatch(lower::startsWith)) {
                vpn.add(nif.getName());
            }
        }
        if (up.isEmpty()) {
            return Check.fail("network interfaces", "no interface other than loopback is up",
                    "connect to a network: LAN pairing needs both devices on the same one");
        }
        String detail = String.join("; ", up) + (vpn.isEmpty() ? "" : "; VPN-like interfaces " + vpn + " may take the route or swallow multicast");
        if (!lan) {
            return Check.warn("network interfaces", "no private (LAN) address: " + detail,
                    "LAN pairing needs both devices on one local network; pair by wormhole (`annex-p2p pair`) otherwise");
        }
        return vpn.isEmpty() ? Check.ok("network interfaces", detail) : Check.warn("network interfaces", detail,
                "if LAN pairing does not find the other device, try again with the VPN off");
    }

    private static Check listenerPort(LanCheckOptions options) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(options.listenerBind());
            return Check.ok("listener port", "TCP " + s.getLocalPort() + " can be bound");
        } catch (IOException e) {
            return Check.fail("listener port", "cannot bind TCP " + options.listenerBind().getPort() + ": " + e.getMessage(),
                    "another annex-p2p may be running: stop it, or choose another port (--port)");
        }
    }

    private static Check multicast(LanCheckOptions options, List<InetAddress> ownSources) {
        LanChannels.Opened opened = options.channels().get();
        if (opened.channels().isEmpty()) {
            return Check.fail("multicast self-test", "no discovery channel could be opened: " + String.join("; ", opened.problems()),
                    "pair by wormhole instead (`annex-p2p pair`), or let multicast UDP through the firewall on the local network");
        }
        // A throwaway secret: the self-test only needs our own announcement to come back.
        try (Discovery d = new Discovery(DeviceId.random(), SharedSecret.fromPhrase(SharedSecret.randomPhrase()), Clock.systemUTC(),
                opened.channels(), 1, 0, Set.of())) {
            long deadline = System.nanoTime() + options.bound().toNanos();
            d.announcePresence();
            while (d.stats().ownHeard() == 0 && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            var stats = d.stats();
            for (InetSocketAddress from : d.ownSources()) {
                ownSources.add(from.getAddress());
            }
            String problems = opened.problems().isEmpty() ? "" : "; could not open: " + String.join("; ", opened.problems());
            if (stats.ownHeard() == 0) {
                return Check.fail("multicast self-test", "our own announcement did not come back within " + options.bound().toMillis()
                        + " ms on " + opened.channels().size() + " channels (" + stats.summary() + ")" + problems, MULTICAST_FIX);
            }
            if (!stats.sendFailures().isEmpty() || !opened.problems().isEmpty()) {
                return Check.warn("multicast self-test", stats.summary() + problems,
                        "if LAN pairing does not find the other device: " + MULTICAST_FIX);
            }
            return Check.ok("multicast self-test", "our announcement came back from " + d.ownSources() + " on " + opened.channels().size() + " channels");
        }
    }

    private static Check ownAddress(LanCheckOptions options, List<InetAddress> ownSources, SelfIpReport[] out) {
        SelfIpReport report = SelfIp.acquire(options.selfIp().withDiscovery(bound -> List.copyOf(ownSources)));
        out[0] = report;
        StringBuilder detail = new StringBuilder();
        for (SelfIpReport.StageReport stage : report.stages()) {
            if (detail.length() > 0) {
                detail.append("; ");
            }
            detail.append(stage.stage().name().toLowerCase(Locale.ROOT)).append(": ").append(stage.detail());
        }
        return report.address().isPresent()
                ? Check.ok("own address", report.address().get().getHostAddress() + " (" + detail + ")")
                : Check.fail("own address", "no address confirmed: " + detail,
                        "connect to the local network, or pair by wormhole (`annex-p2p pair`)");
    }

    private static Check confirmation(LanCheckOptions options, SelfIpReport report) {
        if (report == null || report.address().isEmpty()) {
            return Check.skip("confirmation listener", "no own address to confirm");
        }
        InetSocketAddress bind = new InetSocketAddress(options.listenerBind().getAddress(), 0);
        try (ConfirmationListener listener = ConfirmationListener.open(bind, TlsIdentity.generate("doctor"),
                SharedSecret.fromPhrase(SharedSecret.randomPhrase()), options.bound())) {
            var problem = listener.confirmSelf(report.address().get());
            return problem.isEmpty()
                    ? Check.ok("confirmation listener", "a TLS call to ourselves at " + report.address().get().getHostAddress() + ":" + listener.port() + " was confirmed")
                    : Check.fail("confirmation listener", problem.get(), CONFIRMATION_FIX);
        } catch (IOException e) {
            return Check.fail("confirmation listener", e.getMessage(), CONFIRMATION_FIX);
        }
    }
}
