/** Magic Wormhole in pure Java, interoperable with the Python wormhole. */
module org.annexp2p.wormhole {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    exports org.annexp2p.wormhole;
    exports org.annexp2p.wormhole.code;
    exports org.annexp2p.wormhole.mailbox;
    exports org.annexp2p.wormhole.transit;
}
