/** git-annex-shell's stand-in: the restricted shell and p2pstdio/configlist. */
module org.annexp2p.shell {
    requires transitive io.vavr;
    requires transitive org.annexp2p.interpreters;
    requires transitive org.annexp2p.protocol;
    requires transitive org.annexp2p.repository;
    requires transitive org.annexp2p.transports;
    // SO_PEERCRED: the resident server serves only its own user.
    requires jdk.net;
    exports org.annexp2p.shell;
    // The doctor asks where a server answers.
    exports org.annexp2p.shell.resident to org.annexp2p.cli, org.annexp2p.pairing;
}
