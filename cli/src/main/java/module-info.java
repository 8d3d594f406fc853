/** The annex-p2p command and git-remote-tor-annex: arguments, terminal, exit codes. Exports nothing. */
module org.annexp2p.cli {
    requires info.picocli;
    requires io.vavr;
    requires java.logging;
    requires org.annexp2p.http;
    requires org.annexp2p.interpreters;
    requires org.annexp2p.pairing;
    requires org.annexp2p.protocol;
    requires org.annexp2p.repository;
    requires org.annexp2p.session;
    requires org.annexp2p.shell;
    requires org.annexp2p.tor;
    requires org.annexp2p.transports;
    requires org.annexp2p.web;
    requires org.annexp2p.wormhole;
}
