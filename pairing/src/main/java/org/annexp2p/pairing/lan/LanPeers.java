package org.annexp2p.pairing.lan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.protocol.wire.AuthToken;

/**
 * The {@code lan-peers} creds file: one paired peer per line, {@code UUID KEY-FINGERPRINT TOKEN ADDR[,ADDR...]}
 * with addresses as {@code IP:PORT} ({@code [v6]:PORT}). It holds tokens, so it is written mode 0600 through a
 * temporary file and an atomic rename; a damaged line is an error naming the file and line, never its content.
 */
public final class LanPeers {

    public static final String FILE = "lan-peers";

    private LanPeers() {
    }

    public static Path file(Path credsDir) {
        return credsDir.resolve(FILE);
    }

    public static List<LanPeer> read(Path credsDir) throws IOException {
        Path file = file(credsDir);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<LanPeer> peers = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
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

    /** Adds or replaces (same UUID) a peer. */
    public static void store(Path credsDir, LanPeer peer) throws IOException {
        List<LanPeer> peers = new ArrayList<>();
        for (LanPeer p : read(credsDir)) {
            if (!p.uuid().equals(peer.uuid())) {
                peers.add(p);
            }
        }
        peers.add(peer);
        StringBuilder text = new StringBuilder();
        for (LanPeer p : peers) {
            text.append(format(p)).append('\n');
        }
        Files.createDirectories(credsDir);
        Path tmp = credsDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file(credsDir), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
