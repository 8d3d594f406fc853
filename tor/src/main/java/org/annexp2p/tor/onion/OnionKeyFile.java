package org.annexp2p.tor.onion;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.annexp2p.tor.TorException;

/**
 * Where an onion service key lives between runs, so the onion address survives restarts. The file is created
 * mode 0600 (through a temporary file that already has that mode, then an atomic rename), never readable by
 * others even for a moment.
 */
public record OnionKeyFile(Path path) {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    /** The stored key, or empty when the file does not exist yet. */
    public Optional<OnionKey> read() throws TorException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            if (!OWNER_ONLY.containsAll(Files.getPosixFilePermissions(path))) {
                // someone loosened it (copy, restore from backup); a key readable by others is a stolen onion
                Files.setPosixFilePermissions(path, OWNER_ONLY);
            }
            String text = Files.readString(path, StandardCharsets.US_ASCII).strip();
            return Optional.of(new OnionKey(text));
        } catch (IOException e) {
            throw new TorException(TorException.Reason.BAD_CONFIG, "cannot read onion key file " + path
                    + " (" + e.getMessage() + "); fix its permissions or remove it to get a new onion address", e);
        } catch (IllegalArgumentException e) {
            throw new TorException(TorException.Reason.BAD_CONFIG, "onion key file " + path + " is damaged ("
                    + e.getMessage() + "); restore it from a backup or remove it to get a new onion address");
        }
    }

    /** Stores the key atomically with mode 0600. */
    public void write(OnionKey key) throws TorException {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            }
            tmp = Files.createTempFile(dir, ".onion-key", ".new", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap((key.blob() + "\n").getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new TorException(TorException.Reason.BAD_CONFIG, "cannot write onion key file " + path
                    + " (" + e.getMessage() + "); check that its directory is writable", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is what the user needs to see
                }
            }
        }
    }
}
