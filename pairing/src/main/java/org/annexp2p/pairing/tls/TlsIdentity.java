package org.annexp2p.pairing.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Our TLS key pair and a self-signed certificate for it. Peers trust the key (pinned by fingerprint), not the
 * certificate's name or dates, so the certificate only has to carry the key and be well-formed.
 */
public final class TlsIdentity {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private TlsIdentity(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A fresh P-256 key and a certificate for it, signed by itself. */
    public static TlsIdentity generate(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", "_"));
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            return new TlsIdentity(pair, certificate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a self-signed P-256 certificate: " + e.getMessage(), e);
        }
    }

    /** Key and certificate as PEM, for the caller to keep in a private file (the creds directory's writer). */
    public byte[] toPem() {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(new JcaPKCS8Generator(keyPair.getPrivate(), null));
            pem.writeObject(certificate);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a P-256 key as PEM: " + e.getMessage(), e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads what {@link #toPem()} made; {@code where} names its file in messages. A damaged file is an
     * {@link IOException} naming the file, never the key.
     */
    public static TlsIdentity fromPem(byte[] pem, String where) throws IOException {
        PrivateKeyInfo keyInfo = null;
        X509CertificateHolder holder = null;
        try (PEMParser parser = new PEMParser(new java.io.StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PrivateKeyInfo k) {
                    keyInfo = k;
                } else if (o instanceof X509CertificateHolder c) {
                    holder = c;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("TLS identity file " + where + " is damaged: cannot parse its PEM", e);
        }
        if (keyInfo == null || holder == null) {
            throw new IOException("TLS identity file " + where + " is damaged: it needs a private key and a certificate");
        }
        TlsIdentity identity;
        try {
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(keyInfo);
            identity = new TlsIdentity(new KeyPair(certificate.getPublicKey(), key), certificate);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("TLS identity file " + where + " is damaged: its key or certificate cannot be read", e);
        }
        identity.requireMatchingPair(where);
        return identity;
    }

    private void requireMatchingPair(String where) throws IOException {
        try {
            if (!signsForItsCertificate()) {
                throw new IOException("TLS identity file " + where + " is damaged: its key does not match its certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS identity file " + where + " is damaged: its key cannot sign", e);
        }
    }

    private boolean signsForItsCertificate() throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keyPair.getPrivate());
        byte[] probe = "annex-p2p identity check".getBytes(StandardCharsets.US_ASCII);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(keyPair.getPublic());
        verifier.update(probe);
        return verifier.verify(signature);
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The encoded public key, as sent in a pairing message. */
    public byte[] publicKeyBytes() {
        return keyPair.getPublic().getEncoded();
    }

    public KeyFingerprint fingerprint() {
        return KeyFingerprint.of(keyPair.getPublic());
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + fingerprint() + "]";
    }
}
