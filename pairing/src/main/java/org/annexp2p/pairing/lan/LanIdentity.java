package org.annexp2p.pairing.lan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Optional;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.repository.creds.PrivateFile;

/** This repository's TLS identity for LAN links, kept in {@code .git/annex/creds/lan-identity.pem} (a {@link PrivateFile}). */
public final class LanIdentity {

    public static final String FILE = "lan-identity.pem";

    private LanIdentity() {
    }

    public static PrivateFile file(CredsDir creds) {
        return creds.file(FILE);
    }

    /** The saved identity, or a fresh one that is not saved yet (pairing saves it only once it succeeded). */
    public static TlsIdentity loadOrGenerate(CredsDir creds, String name) throws IOException {
        Optional<TlsIdentity> saved = saved(creds);
        return saved.isPresent() ? saved.get() : TlsIdentity.generate(name);
    }

    public static TlsIdentity load(CredsDir creds) throws IOException {
        return saved(creds).orElseThrow(
                () -> new IOException("this repository has no LAN identity yet; pair first with `annex-p2p pair --lan`"));
    }

    /** Keeps {@code identity} unless one is already kept (a pairing reuses the kept one, so it stays the same). */
    public static void keepUnlessKept(CredsDir creds, TlsIdentity identity) throws IOException {
        PrivateFile file = file(creds);
        if (!Files.exists(file.path(), LinkOption.NOFOLLOW_LINKS)) {
            file.write(identity.toPem());
        }
    }

    private static Optional<TlsIdentity> saved(CredsDir creds) throws IOException {
        PrivateFile file = file(creds);
        Optional<byte[]> pem = file.read();
        return pem.isPresent() ? Optional.of(TlsIdentity.fromPem(pem.get(), file.toString())) : Optional.empty();
    }
}
