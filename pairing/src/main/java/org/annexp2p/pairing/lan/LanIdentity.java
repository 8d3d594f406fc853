package org.annexp2p.pairing.lan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.pairing.tls.TlsIdentity;

/** This repository's TLS identity for LAN links, kept in {@code .git/annex/creds/lan-identity.pem} (0600). */
public final class LanIdentity {

    public static final String FILE = "lan-identity.pem";

    private LanIdentity() {
    }

    public static Path file(Path credsDir) {
        return credsDir.resolve(FILE);
    }

    /** The saved identity, or a fresh one that is not saved yet (pairing saves it only once it succeeded). */
    public static TlsIdentity loadOrGenerate(Path credsDir, String name) throws IOException {
        Path file = file(credsDir);
        return Files.exists(file) ? TlsIdentity.load(file) : TlsIdentity.generate(name);
    }

    public static TlsIdentity load(Path credsDir) throws IOException {
        Path file = file(credsDir);
        if (!Files.exists(file)) {
            throw new IOException("this repository has no LAN identity yet; pair first with `annex-p2p pair --lan`");
        }
        return TlsIdentity.load(file);
    }
}
