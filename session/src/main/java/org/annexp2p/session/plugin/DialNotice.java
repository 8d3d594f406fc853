package org.annexp2p.session.plugin;

import java.io.IOException;

/** What a plugin tells the user while dialing; the front end words it (the decision is the plugin's). */
public sealed interface DialNotice {

    /** {@code address} is plaintext ({@code tcp://}, {@code annex+http://}) to a host off this machine: secrets cross the network unencrypted. */
    record Plaintext(String address) implements DialNotice {}

    /** An onion did not answer ({@code failure}); the dial goes on for up to {@code secondsLeft}. */
    record RetryingOnion(IOException failure, long secondsLeft) implements DialNotice {}

    /** What a plugin is doing, in its own words (a LAN peer not at its saved address, asked where it is now). */
    record Progress(String line) implements DialNotice {}
}
