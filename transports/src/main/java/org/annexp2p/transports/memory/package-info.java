/**
 * An in-VM network for tests and simulations: {@link org.annexp2p.transports.memory.MemoryNetwork} binds
 * listeners to names; links are bounded pipes with deterministic faults
 * ({@link org.annexp2p.transports.memory.Fault}) that cut, stall or slow a stream at exact byte counts
 * but never alter or reorder bytes.
 */
package org.annexp2p.transports.memory;
