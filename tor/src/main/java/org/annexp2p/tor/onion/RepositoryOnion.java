package org.annexp2p.tor.onion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * A repository's onion: its persistent key in the repository's creds directory (mode 0600, so the address is
 * stable across restarts), the address it was published at (so the virtual port stays the same too), and where a
 * tor launched for it keeps its state.
 *
 * <p>The state directory is per repository ({@code .git/annex/annex-p2p-tor}), not per user: a launched tor is
 * owned by one process (it exits with its control connection and with our JVM) and tor allows one tor per data
 * directory, so with one directory per user a server for one repository blocked every launch for another. One
 * shared tor that later processes attach to would need ownership handed between processes and onions of
 * several owners in one tor; a directory per repository needs neither. Two launches for the same repository at
 * once still exclude each other (see {@link org.annexp2p.tor.launch.StateDirectoryLock}): both would publish
 * the same onion key.
 */
public record RepositoryOnion(Path credsDir, Path torStateDir) {

    static final String KEY_FILE = "annex-p2p-onion-key";
    static final String ADDRESS_FILE = "annex-p2p-onion-address";
    static final String TOR_STATE = "annex-p2p-tor";

    /** The onion of the repository whose annex directory ({@code .git/annex}) and creds directory are given. */
    public static RepositoryOnion of(Path annexDir, Path credsDir) {
        return new RepositoryOnion(credsDir, annexDir.resolve(TOR_STATE));
    }

    public Path keyFile() {
        return credsDir.resolve(KEY_FILE);
    }

    private Path addressFile() {
        return credsDir.resolve(ADDRESS_FILE);
    }

    /** Where this repository's onion was last published, if ever. */
    public Optional<TorAnnexAddress> published() throws IOException {
        Path f = addressFile();
        if (!Files.isRegularFile(f) || !Files.isRegularFile(keyFile())) {
            return Optional.empty();
        }
        try {
            return Optional.of(TorAnnexAddress.parse(Files.readString(f, StandardCharsets.US_ASCII).strip()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The virtual port: the one already used, else a random one in git-annex's range [1025, 65534]. */
    public int port() throws IOException {
        return published().map(TorAnnexAddress::port).orElseGet(() -> 1025 + new SecureRandom().nextInt(64510));
    }

    public void remember(TorAnnexAddress address) throws IOException {
        Path dir = Files.createDirectories(credsDir);
        Path tmp = Files.createTempFile(dir, ".address", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, address.format() + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, addressFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
