/** What gives protocol programs meaning: Unauthenticated, Full, Simulation, the Local interpreter, Serving. */
module org.annexp2p.interpreters {
    requires transitive io.vavr;
    requires transitive org.annexp2p.protocol;
    requires transitive org.annexp2p.repository;
    requires transitive org.annexp2p.transports;
    exports org.annexp2p.interpreters;
    exports org.annexp2p.interpreters.local;
    exports org.annexp2p.interpreters.net;
}
