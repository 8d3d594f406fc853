/** The local web page: annex-p2p ui, a loopback HTTP server over the same library calls the commands use. */
module org.annexp2p.web {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.google.zxing;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.transport;
    requires transitive io.vavr;
    requires java.net.http;
    requires transitive org.annexp2p.interpreters;
    requires transitive org.annexp2p.pairing;
    requires transitive org.annexp2p.protocol;
    requires transitive org.annexp2p.repository;
    requires transitive org.annexp2p.session;
    requires transitive org.annexp2p.tor;
    requires transitive org.annexp2p.transports;
    requires transitive org.annexp2p.wormhole;
    exports org.annexp2p.web;
}
