package org.annexp2p.session.plugin.tcp;

import java.io.IOException;
import java.util.Optional;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.repository.creds.PrivateFile;
import org.annexp2p.transports.tcp.KeyPin;
import org.annexp2p.transports.tcp.TlsServerKey;

/**
 * A repository's TLS server key for {@code tls://} listeners, kept in {@code .git/annex/creds/tls-identity.pem}
 * (a {@link PrivateFile}, as the LAN identity is). One key per repository, made on first use, so its
 * {@code tls://} addresses stay valid across restarts.
 */
public final class TlsIdentityFile {

    public static final String IDENTITY_FILE = "tls-identity.pem";

    private final TlsIdentity identity;

    private TlsIdentityFile(TlsIdentity identity) {
        this.identity = identity;
    }

    /** The identity kept in {@code creds}, made and saved on first use; one others could read is refused. */
    public static TlsIdentityFile in(CredsDir creds) throws IOException {
        PrivateFile file = creds.file(IDENTITY_FILE);
        Optional<byte[]> pem = file.read();
        if (pem.isPresent()) {
            return new TlsIdentityFile(TlsIdentity.fromPem(pem.get(), file.toString()));
        }
        TlsIdentity fresh = TlsIdentity.generate("annex-p2p");
        file.write(fresh.toPem());
        return new TlsIdentityFile(fresh);
    }

    public TlsServerKey serverKey() {
        return new TlsServerKey(identity.keyPair().getPrivate(), identity.certificate());
    }

    /** What clients pin: the {@code PIN} of {@code tls://HOST:PORT/PIN}. */
    public KeyPin pin() {
        return KeyPin.of(identity.keyPair().getPublic());
    }
}
