package org.annexp2p.pairing.lan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.repository.creds.PrivateFile;

/**
 * The {@code lan-peers} creds file: one paired peer per line, {@code UUID KEY-FINGERPRINT TOKEN ADDR[,ADDR...]}
 * with addresses as {@code IP:PORT} ({@code [v6]:PORT}). It holds tokens, so it is kept as a {@link PrivateFile}
 * of the creds directory; a damaged line is an error naming the file and line, never its content.
 */
public final class LanPeers {

    public static final String FILE = "lan-peers";

    private LanPeers() {
    }

    public static PrivateFile file(CredsDir creds) {
        return creds.file(FILE);
    }

    public static List<LanPeer> read(CredsDir creds) throws IOException {
        PrivateFile file = file(creds);
        return parse(file, file.readText());
    }

    private static List<LanPeer> parse(PrivateFile file, Optional<String> content) throws IOException {
        if (content.isEmpty()) {
            return List.of();
        }
        List<LanPeer> peers = new ArrayList<>();
        int number = 0;
        for (String line : content.get().split("\\R")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                peers.add(parse(line));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + number + " is damaged: remove that line and pair again");
            }
        }
        return peers;
    }

    /** Adds or replaces (same UUID) a peer; a peer stored meanwhile by another pairing is kept. */
    public static void store(CredsDir creds, LanPeer peer) throws IOException {
        PrivateFile file = file(creds);
        file.update(content -> {
            StringBuilder text = new StringBuilder();
            for (LanPeer p : parse(file, content)) {
                if (!p.uuid().equals(peer.uuid())) {
                    text.append(format(p)).append('\n');
                }
            }
            return Optional.of(text.append(format(peer)).append('\n').toString());
        });
    }

    static String format(LanPeer p) {
        List<String> addresses = new ArrayList<>();
        for (InetSocketAddress a : p.addresses()) {
            addresses.add(LanAddress.format(a));
        }
        return p.uuid() + " " + p.key().hex() + " " + p.token().reveal() + " " + (addresses.isEmpty() ? "-" : String.join(",", addresses));
    }

    static LanPeer parse(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 4) {
            throw new IllegalArgumentException("expected 4 fields");
        }
        AuthToken token = AuthToken.parse(f[2]).filter(t -> !t.isEmpty()).getOrElseThrow(() -> new IllegalArgumentException("bad token"));
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (!f[3].equals("-")) {
            for (String a : f[3].split(",")) {
                addresses.add(LanAddress.parse(a));
            }
        }
        return new LanPeer(f[0], KeyFingerprint.parse(f[1]), token, addresses);
    }

    /** The peer to pin for {@code address}: the one listing it, else the one with that host, else the only peer. */
    public static Optional<LanPeer> forAddress(List<LanPeer> peers, InetSocketAddress address) {
        for (boolean hostOnly : new boolean[] {false, true}) {
            List<LanPeer> matching = peers.stream().filter(p -> p.reachableAt(address, hostOnly)).toList();
            if (matching.size() == 1) {
                return Optional.of(matching.get(0));
            }
        }
        return peers.size() == 1 ? Optional.of(peers.get(0)) : Optional.empty();
    }

}
