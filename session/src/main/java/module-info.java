/** One peer session over transport plugins (one per address scheme), linking and the pairing flows. */
module org.annexp2p.session {
    requires io.netty.codec.http;
    requires io.netty.transport;
    requires transitive io.vavr;
    requires jdk.unsupported;
    requires transitive org.annexp2p.http;
    requires transitive org.annexp2p.interpreters;
    requires transitive org.annexp2p.pairing;
    requires transitive org.annexp2p.protocol;
    requires transitive org.annexp2p.repository;
    requires transitive org.annexp2p.tor;
    requires transitive org.annexp2p.transports;
    requires transitive org.annexp2p.wormhole;
    exports org.annexp2p.session;
    exports org.annexp2p.session.demo;
    exports org.annexp2p.session.lan;
    exports org.annexp2p.session.link;
    exports org.annexp2p.session.network;
    exports org.annexp2p.session.pair;
    exports org.annexp2p.session.plugin;
    exports org.annexp2p.session.plugin.exec;
    exports org.annexp2p.session.plugin.net;
    exports org.annexp2p.session.plugin.tcp;
    exports org.annexp2p.session.rehearsal;
    exports org.annexp2p.session.remote;
    exports org.annexp2p.session.serve;
    exports org.annexp2p.session.tor;
    exports org.annexp2p.session.transfer;
}
