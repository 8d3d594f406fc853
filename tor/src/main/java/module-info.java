/** Tor: the control connection, launched tors, onion services and serving, the patient onion dialer. */
module org.annexp2p.tor {
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.socks;
    requires io.netty.common;
    requires io.netty.handler.proxy;
    requires io.netty.resolver;
    requires io.netty.transport;
    requires jtorctl;
    requires transitive org.annexp2p.repository;
    requires transitive org.annexp2p.transports;
    exports org.annexp2p.tor;
    exports org.annexp2p.tor.control;
    exports org.annexp2p.tor.local;
    exports org.annexp2p.tor.onion;
    exports org.annexp2p.tor.socks;
}
