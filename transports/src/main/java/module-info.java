/** Byte streams to peers: one Connection/Listener/Dialer interface and its in-memory, TCP, TLS and stdio kinds. */
module org.annexp2p.transports {
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    exports org.annexp2p.transports;
    exports org.annexp2p.transports.datagram;
    exports org.annexp2p.transports.memory;
    exports org.annexp2p.transports.stdio;
    exports org.annexp2p.transports.tcp;
}
