/** What the transports' connections share to tell a parked reader that a read would no longer block; not exported. */
package org.annexp2p.transports.readable;
