package org.annexp2p.tor.onion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.repository.creds.PrivateFile;

/**
 * A repository's onion: its persistent key, a file of the repository's creds directory (so the address is stable
 * across restarts), the address it was published at, another (so the virtual port stays the same too), and where
 * a tor launched for it keeps its state.
 *
 * <p>The state directory is per repository ({@code .git/annex/annex-p2p-tor}), not per user: a launched tor is
 * owned by one process (it exits with its control connection and with our JVM) and tor allows one tor per data
 * directory, so with one directory per user a server for one repository blocked every launch for another. One
 * shared tor that later processes attach to would need ownership handed between processes and onions of
 * several owners in one tor; a directory per repository needs neither. Two launches for the same repository at
 * once still exclude each other (see {@link org.annexp2p.tor.launch.StateDirectoryLock}): both would publish
 * the same onion key.
 */
public record RepositoryOnion(CredsDir creds, Path torStateDir) {

    static final String KEY_FILE = "annex-p2p-onion-key";
    static final String ADDRESS_FILE = "annex-p2p-onion-address";
    static final String TOR_STATE = "annex-p2p-tor";

    /** The onion of the repository whose annex directory ({@code .git/annex}) and creds directory are given. */
    public static RepositoryOnion of(Path annexDir, CredsDir creds) {
        return new RepositoryOnion(creds, annexDir.resolve(TOR_STATE));
    }

    public PrivateFile keyFile() {
        return creds.file(KEY_FILE);
    }

    private PrivateFile addressFile() {
        return creds.file(ADDRESS_FILE);
    }

    /** Where this repository's onion was last published, if ever (and its key is still there). */
    public Optional<TorAnnexAddress> published() throws IOException {
        Optional<String> address = addressFile().readText();
        if (address.isEmpty() || !Files.isRegularFile(keyFile().path(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(TorAnnexAddress.parse(address.get().strip()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The virtual port: the one already used, else a random one in git-annex's range [1025, 65534]. */
    public int port() throws IOException {
        return published().map(TorAnnexAddress::port).orElseGet(() -> 1025 + new SecureRandom().nextInt(64510));
    }

    /**
     * The repository's onion, made here without tor when it has none: a new key ({@link NewOnion}) stored in the key
     * file and its address remembered. An existing key is never replaced (the key file is written only where none
     * is, under its lock), and one that is there is read first, so a damaged key file is an error now rather than
     * when tor refuses it. Empty when a key is there without a remembered address (an earlier version's
     * publication that stopped in between): only tor can tell that key's address.
     */
    public Optional<TorAnnexAddress> make(SecureRandom random) throws IOException {
        Optional<TorAnnexAddress> known = published();
        if (known.isPresent()) {
            new OnionKeyFile(keyFile()).read();
            return known;
        }
        int port = port();
        AtomicReference<TorAnnexAddress> made = new AtomicReference<>();
        keyFile().update(current -> {
            if (current.isPresent()) {
                return Optional.empty();
            }
            NewOnion fresh = NewOnion.generate(random);
            made.set(new TorAnnexAddress(fresh.address(), port));
            return Optional.of(fresh.key().blob() + "\n");
        });
        if (made.get() == null) {
            new OnionKeyFile(keyFile()).read();
            return published();
        }
        remember(made.get());
        return Optional.of(made.get());
    }

    public void remember(TorAnnexAddress address) throws IOException {
        addressFile().writeText(address.format() + "\n");
    }

    /** Forgets the onion: its key and address go, so the next publication makes a new address. */
    public void forget() throws IOException {
        keyFile().delete();
        addressFile().delete();
    }
}
