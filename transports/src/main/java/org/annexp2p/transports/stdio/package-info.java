/**
 * Connections over standard streams: {@link org.annexp2p.transports.stdio.StdioConnection} for a
 * {@code p2pstdio}-style server speaking on its own stdin/stdout, and
 * {@link org.annexp2p.transports.stdio.CommandConnection} for a client talking to a spawned command.
 */
package org.annexp2p.transports.stdio;
