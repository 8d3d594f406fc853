package org.annexp2p.web.status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.AddressTokens;
import org.annexp2p.repository.serving.ServedWay;
import org.annexp2p.repository.serving.ServingProcess;
import org.annexp2p.repository.serving.ServingRecord;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.transports.FailureWords;
import org.annexp2p.web.Refused;
import org.annexp2p.web.reach.Reach;

/**
 * What the repository's running servers ({@code serve}, {@code p2phttp}) serve, from their {@link ServingRecord},
 * and whether each way answers now. Only an address in the record is ever checked: the page names one, it does not
 * choose where to dial.
 */
final class ServedWays {
    /** One way served: {@code how} in the page's words, {@code since} ISO-8601, {@code pid} the server's process. */
    record Row(String kind, String how, String address, String since, long pid) {
    }

    private final Reach reach;

    ServedWays(Reach reach) {
        this.reach = reach;
    }

    static List<Row> rows(AnnexRepository repository) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (ServingProcess process : ServingRecord.of(repository.annexDir()).running()) {
            for (ServedWay way : process.ways()) {
                rows.add(new Row(way.kind(), how(way.kind()), way.address(), way.since().toString(), process.pid()));
            }
        }
        return rows;
    }

    /** Checks the way served at {@code address}; a 404 when no running server records it. */
    Reach.Result check(AnnexRepository repository, String address) throws IOException, Refused {
        Optional<ServedWay> way = ServingRecord.of(repository.annexDir()).running().stream()
                .flatMap(p -> p.ways().stream()).filter(w -> w.address().equals(address)).findFirst();
        if (way.isEmpty()) {
            throw new Refused(404, "No running server serves that address any more; the list is shown anew.");
        }
        String kind = way.get().kind();
        if (kind.equals("http") || kind.equals("https")) {
            return reach.http().check(address, repository.uuid(), Reach.BOUND);
        }
        if (kind.equals("lan")) {
            return portAnswers(address);
        }
        List<AuthToken> tokens = kind.startsWith("network:") ? AddressTokens.acceptedOn(repository.creds(), address)
                : repository.creds().acceptedTokens();
        if (tokens.isEmpty()) {
            return new Reach.Result(address, false, "no token is accepted there, so nobody can log in yet: run "
                    + "'annex-p2p token' (or 'annex-p2p p2p --gen-addresses' for a network)", Instant.now().toString(), 0);
        }
        return reach.check(repository, address, GivenToken.exactly(tokens.get(0)), Reach.BOUND);
    }

    /**
     * A LAN listener lets in only the keys of paired peers, and this repository is not its own peer: that its port
     * accepts a connection is what can be checked.
     */
    private static Reach.Result portAnswers(String address) {
        long start = System.nanoTime();
        String hostPort = address.substring("lan://".length());
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, Math.max(colon, 0)).replace("[", "").replace("]", "");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1))),
                    (int) Reach.BOUND.toMillis());
            return new Reach.Result(address, true, "its port answers (only paired peers' keys can log in there)",
                    Instant.now().toString(), millis(start));
        } catch (IOException | IllegalArgumentException e) {
            return new Reach.Result(address, false, FailureWords.of(e), Instant.now().toString(), millis(start));
        }
    }

    private static long millis(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static String how(String kind) {
        return switch (kind) {
            case "tcp" -> "TCP";
            case "tls" -> "TCP (TLS)";
            case "lan" -> "LAN";
            case "tor" -> "Tor";
            case "http" -> "HTTP (p2phttp)";
            case "https" -> "HTTPS (p2phttp)";
            default -> "P2P network " + kind.substring("network:".length());
        };
    }
}
