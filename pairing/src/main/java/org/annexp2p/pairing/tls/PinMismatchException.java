package org.annexp2p.pairing.tls;

import java.security.cert.CertificateException;

/** The peer's certificate carries a key other than the pinned one. */
final class PinMismatchException extends CertificateException {

    PinMismatchException(String message) {
        super(message);
    }
}
