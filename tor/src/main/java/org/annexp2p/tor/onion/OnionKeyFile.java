package org.annexp2p.tor.onion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.util.Optional;
import org.annexp2p.repository.creds.PrivateFile;
import org.annexp2p.tor.TorException;

/**
 * Where an onion service key lives between runs, so the onion address survives restarts: a {@link PrivateFile},
 * so never readable by others even for a moment, and a key others could read is refused (a stolen onion) rather
 * than used.
 */
public record OnionKeyFile(PrivateFile file) {

    /** The stored key, or empty when the file does not exist yet. */
    public Optional<OnionKey> read() throws TorException {
        try {
            Optional<byte[]> content = file.read();
            return content.isEmpty() ? Optional.empty()
                    : Optional.of(new OnionKey(new String(content.get(), StandardCharsets.US_ASCII).strip()));
        } catch (FileSystemException e) {
            throw new TorException(TorException.Reason.BAD_CONFIG, "cannot read onion key file " + file
                    + " (" + e.getMessage() + "); fix its permissions or remove it to get a new onion address", e);
        } catch (IOException e) {
            // PrivateFile's own refusal already names the file and the fix.
            throw new TorException(TorException.Reason.BAD_CONFIG, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TorException(TorException.Reason.BAD_CONFIG, "onion key file " + file + " is damaged ("
                    + e.getMessage() + "); restore it from a backup or remove it to get a new onion address");
        }
    }

    /** Stores the key, replacing the file whole. */
    public void write(OnionKey key) throws TorException {
        try {
            file.write((key.blob() + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new TorException(TorException.Reason.BAD_CONFIG, "cannot write onion key file " + file
                    + " (" + e.getMessage() + "); check that its directory is writable", e);
        }
    }
}
