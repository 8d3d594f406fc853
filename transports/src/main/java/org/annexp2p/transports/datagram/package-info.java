/**
 * Unreliable datagrams for LAN discovery and pairing: the
 * {@link org.annexp2p.transports.datagram.DatagramEndpoint} interface, real UDP
 * ({@link org.annexp2p.transports.datagram.UdpEndpoint}) and a seeded in-memory LAN with faults
 * ({@link org.annexp2p.transports.datagram.MemoryDatagramNetwork}, {@link org.annexp2p.transports.datagram.DatagramFaults}).
 */
package org.annexp2p.transports.datagram;
