package org.annexp2p.wormhole;

/** A finished file send, confirmed by the receiver's acknowledgement. */
public record FileSent(long size, String sha256, String route) {
}
