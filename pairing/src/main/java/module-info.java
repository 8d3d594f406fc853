/** LAN pairing mechanisms: discovery, the pairing conversation, pinned TLS, where-is, QR, self-IP, the doctor. */
module org.annexp2p.pairing {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.google.zxing;
    requires java.logging;
    requires transitive org.annexp2p.protocol;
    requires transitive org.annexp2p.repository;
    requires org.annexp2p.shell;
    requires transitive org.annexp2p.tor;
    requires transitive org.annexp2p.transports;
    requires transitive org.annexp2p.wormhole;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    exports org.annexp2p.pairing;
    exports org.annexp2p.pairing.conversation;
    exports org.annexp2p.pairing.discovery;
    exports org.annexp2p.pairing.doctor;
    exports org.annexp2p.pairing.lan;
    exports org.annexp2p.pairing.qr;
    exports org.annexp2p.pairing.secret;
    exports org.annexp2p.pairing.selfip;
    exports org.annexp2p.pairing.tls;
}
