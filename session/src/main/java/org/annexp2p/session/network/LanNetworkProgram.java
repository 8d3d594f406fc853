package org.annexp2p.session.network;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.annexp2p.protocol.wire.ShownText;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.network.LanRelay;

/**
 * {@code git-annex-p2p-lan}: our helper for git-annex's generic P2P networks, carrying the protocol over the LAN
 * transport to peers paired with {@code annex-p2p pair --lan}. Run as git-annex runs every network's helper:
 * {@code address}, {@code ADDRESS} (connect, relaying our standard streams) or {@code OURADDRESS SOCKET} (serve).
 * The repository is the one git-annex runs it in ({@code $GIT_DIR}, else the current directory).
 */
public final class LanNetworkProgram {
    public static final String NAME = "git-annex-p2p-" + LanRelay.NET_NAME;

    private LanNetworkProgram() {}

    public static int run(List<String> args) {
        try {
            LanRelay.Settings settings = LanRelay.Settings.of(System.getenv());
            if (args.equals(List.of("address"))) {
                List<String> addresses = LanRelay.addresses(settings);
                if (addresses.isEmpty()) {
                    throw new IOException("this machine has no private LAN address; connect to the network "
                            + "(or set ANNEX_P2P_LAN_LOOPBACK=1 for repositories on this machine)");
                }
                addresses.forEach(System.out::println);
                return 0;
            }
            if (args.size() == 1) {
                LanRelay.connect(repository(), args.get(0), settings, new FileInputStream(FileDescriptor.in),
                        new FileOutputStream(FileDescriptor.out), LanNetworkProgram::say);
                return 0;
            }
            if (args.size() == 2) {
                try (var listening = LanRelay.listen(repository(), args.get(0), Path.of(args.get(1)), settings,
                        LanNetworkProgram::say)) {
                    // Serves until git-annex (or annex-p2p serve) stops it.
                    Thread.currentThread().join();
                }
                return 0;
            }
            System.err.println("usage: " + NAME + " address | " + NAME + " ADDRESS | " + NAME + " OURADDRESS SOCKET");
            return 2;
        } catch (IOException | RuntimeException e) {
            say(e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            return 1;
        }
    }

    private static AnnexRepository repository() throws IOException {
        String gitDir = System.getenv("GIT_DIR");
        return AnnexRepository.open(gitDir == null ? Path.of("").toAbsolutePath() : Path.of(gitDir));
    }

    private static void say(String line) {
        System.err.println(ShownText.of(NAME + ": " + line));
    }
}
