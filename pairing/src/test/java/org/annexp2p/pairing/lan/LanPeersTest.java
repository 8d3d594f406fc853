package org.annexp2p.pairing.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.creds.CredsDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lan-peers file as a creds file: private on reading as on writing, and safe to write from two places at once. */
class LanPeersTest {

    private static final String UUID_A = "11111111-1111-1111-1111-111111111111";
    private static final String UUID_B = "22222222-2222-2222-2222-222222222222";

    @TempDir
    Path dir;

    private static LanPeer peer(String uuid, int port) {
        return new LanPeer(uuid, new KeyFingerprint(new byte[32]), AuthToken.parse("aa" + port).get(),
                List.of(new InetSocketAddress("127.0.0.1", port)));
    }

    /** Used to be read as it was; a file of tokens others can read is now refused, saying how to fix it. */
    @Test
    void aFileOthersCanReadIsRefusedWithTheChmodFix() throws Exception {
        Path file = Files.createDirectories(dir.resolve("creds")).resolve(LanPeers.FILE);
        Files.writeString(file, LanPeers.format(peer(UUID_A, 1)) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> LanPeers.read(new CredsDir(dir.resolve("creds"))))
                .hasMessage("refusing to read " + file + ": group or others may access it (mode rw-r--r--); run chmod 600 " + file);
    }

    @Test
    void aFileWrittenByThePreviousVersionReadsTheSame() throws Exception {
        Path file = Files.createDirectories(dir.resolve("creds")).resolve(LanPeers.FILE);
        String previous = LanPeers.format(peer(UUID_A, 1)) + "\n" + LanPeers.format(peer(UUID_B, 2)) + "\n";
        Files.writeString(file, previous);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        CredsDir creds = new CredsDir(dir.resolve("creds"));
        assertThat(LanPeers.read(creds)).containsExactly(peer(UUID_A, 1), peer(UUID_B, 2));
        LanPeers.store(creds, peer(UUID_B, 2));
        assertThat(Files.readString(file)).as("the format is unchanged").isEqualTo(previous);
    }

    /**
     * Both writers used one shared temporary file: one of them failed, or moved away the other's. And each read the
     * file, changed it and wrote it back unguarded: the last writer dropped the peer the other had just stored.
     */
    @Test
    void twoWritersAtOnceNeitherFailNorLoseTheOthersPeerNorLeaveAPartFile() throws Exception {
        CredsDir creds = new CredsDir(dir.resolve("creds"));
        int rounds = 200;
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (String uuid : List.of(UUID_A, UUID_B)) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 1; i <= rounds; i++) {
                        LanPeers.store(creds, peer(uuid, i));
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(LanPeers.read(creds)).containsExactlyInAnyOrder(peer(UUID_A, rounds), peer(UUID_B, rounds));
        try (var files = Files.list(dir.resolve("creds"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(LanPeers.FILE, ".lan-peers.lck");
        }
    }
}
