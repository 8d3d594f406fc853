/** git-annex-shell's stand-in: the restricted shell and p2pstdio/configlist. */
module org.annexp2p.shell {
    requires transitive io.vavr;
    requires transitive org.annexp2p.interpreters;
    requires transitive org.annexp2p.protocol;
    requires transitive org.annexp2p.repository;
    requires transitive org.annexp2p.transports;
    exports org.annexp2p.shell;
}
