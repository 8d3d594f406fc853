/** The P2P protocol, pure: wire values, the codec, conversations as programs over Net and Local. */
module org.annexp2p.protocol {
    requires transitive io.vavr;
    exports org.annexp2p.protocol.conversation;
    exports org.annexp2p.protocol.key;
    exports org.annexp2p.protocol.message;
    exports org.annexp2p.protocol.program;
    exports org.annexp2p.protocol.wire;
}
