package org.annexp2p.wormhole.transit;

/** The file sender is the Transit sender; it picks the winning connection and says "go". */
public enum TransitRole { SENDER, RECEIVER }
