package org.annexp2p.session.plugin.tcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.transports.tcp.KeyPin;
import org.annexp2p.transports.tcp.TlsServerKey;

/**
 * A repository's TLS server key for {@code tls://} listeners, kept in {@code .git/annex/creds/tls-identity.pem}
 * (mode 0600, written by pairing's {@link TlsIdentity} as the LAN identity is). One key per repository, made on
 * first use, so its {@code tls://} addresses stay valid across restarts.
 */
public final class TlsIdentityFile {

    public static final String IDENTITY_FILE = "tls-identity.pem";

    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final TlsIdentity identity;

    private TlsIdentityFile(TlsIdentity identity) {
        this.identity = identity;
    }

    /** The identity kept in {@code credsDir}, made and saved (0600) on first use. */
    public static TlsIdentityFile in(Path credsDir) throws IOException {
        Path file = credsDir.resolve(IDENTITY_FILE);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            refuseUnlessPrivate(file);
            return new TlsIdentityFile(TlsIdentity.load(file));
        }
        if (!Files.isDirectory(credsDir)) {
            Files.createDirectories(credsDir.getParent());
            Files.createDirectory(credsDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        TlsIdentity fresh = TlsIdentity.generate("annex-p2p");
        fresh.save(file);
        return new TlsIdentityFile(fresh);
    }

    public TlsServerKey serverKey() {
        return new TlsServerKey(identity.keyPair().getPrivate(), identity.certificate());
    }

    /** What clients pin: the {@code PIN} of {@code tls://HOST:PORT/PIN}. */
    public KeyPin pin() {
        return KeyPin.of(identity.keyPair().getPublic());
    }

    /** As the creds files: a key others could read (or a link to one) is refused rather than used. */
    private static void refuseUnlessPrivate(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing to use " + file + ": not a regular file");
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return;
        }
        if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
            throw new IOException("refusing to use " + file + ": group or others may access it (mode "
                    + PosixFilePermissions.toString(perms) + "); run chmod 600 " + file);
        }
    }
}
