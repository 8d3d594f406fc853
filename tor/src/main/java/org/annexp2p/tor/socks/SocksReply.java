package org.annexp2p.tor.socks;

/**
 * SOCKS5 reply codes (RFC 1928 §6) and Tor's extended onion codes (0xF0-0xF7, sent when the SocksPort has
 * {@code ExtendedErrors}), as sentences a user can act on.
 */
final class SocksReply {

    private SocksReply() {
    }

    public static String explain(int code) {
        return switch (code) {
            case 0x00 -> "succeeded";
            case 0x01 -> "general failure: the onion service answered but nothing accepted the connection on its"
                    + " target, or the circuit broke; check that the peer's server is running";
            case 0x02 -> "connection not allowed by tor's rules; check tor's SocksPolicy";
            case 0x03 -> "network unreachable; check that tor is connected (bootstrapped)";
            case 0x04 -> "onion service not found: its descriptor is not published (the peer is offline or just"
                    + " started); try again in a minute";
            case 0x05 -> "connection refused: the onion service does not offer this port; check the port in the address";
            case 0x06 -> "timed out reaching the onion service; try again";
            case 0x07 -> "tor does not support the SOCKS command";
            case 0x08 -> "tor does not support the address type";
            case 0xF0 -> "onion service descriptor not found: the peer is offline or not yet published; try again later";
            case 0xF1 -> "onion service descriptor is invalid; the peer's tor may be broken";
            case 0xF2 -> "introduction to the onion service failed; the peer may be offline, try again";
            case 0xF3 -> "rendezvous with the onion service failed; try again";
            case 0xF4 -> "the onion service requires client authorization, which we do not have";
            case 0xF5 -> "the onion service rejected our client authorization";
            case 0xF6 -> "invalid onion address; check the address for typos";
            case 0xF7 -> "introduction to the onion service timed out; the peer may be offline, try again";
            default -> "unknown SOCKS reply code 0x" + Integer.toHexString(code);
        };
    }
}
