/** P2P over HTTP: the p2phttp server (git annex p2phttp compatible) and the annex+http client plugin. */
module org.annexp2p.http {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires io.netty.buffer;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires transitive io.vavr;
    requires java.net.http;
    requires transitive org.annexp2p.interpreters;
    requires transitive org.annexp2p.protocol;
    requires transitive org.annexp2p.repository;
    requires transitive org.annexp2p.transports;
    exports org.annexp2p.http.client;
    exports org.annexp2p.http.server;
}
