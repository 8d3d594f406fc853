package org.annexp2p.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.tor.onion.TorAnnexAddress;

/**
 * The repository's onion: its persistent key in {@code .git/annex/creds/} (mode 0600, so the address is stable
 * across restarts) and the address it was published at (so the virtual port stays the same too).
 */
final class OnionSetup {
    private OnionSetup() {}

    static Path keyFile(AnnexRepository repository) {
        return repository.creds().dir().resolve("annex-p2p-onion-key");
    }

    private static Path addressFile(AnnexRepository repository) {
        return repository.creds().dir().resolve("annex-p2p-onion-address");
    }

    /** Where this repository's onion was last published, if ever. */
    static Optional<TorAnnexAddress> published(AnnexRepository repository) throws IOException {
        Path f = addressFile(repository);
        if (!Files.isRegularFile(f) || !Files.isRegularFile(keyFile(repository))) {
            return Optional.empty();
        }
        try {
            return Optional.of(TorAnnexAddress.parse(Files.readString(f, StandardCharsets.US_ASCII).strip()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The virtual port: the one already used, else a random one in git-annex's range [1025, 65534]. */
    static int port(AnnexRepository repository) throws IOException {
        return published(repository).map(TorAnnexAddress::port).orElseGet(() -> 1025 + new SecureRandom().nextInt(64510));
    }

    static void remember(AnnexRepository repository, TorAnnexAddress address) throws IOException {
        Path dir = Files.createDirectories(repository.creds().dir());
        Path tmp = Files.createTempFile(dir, ".address", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, address.format() + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, addressFile(repository), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
