/**
 * Repositories as the P2P protocol's Local instructions need them. {@link org.annexp2p.repository.Repository}
 * is the contract; {@link org.annexp2p.repository.AnnexRepository} keeps it on disk exactly as git-annex lays a
 * repository out, {@link org.annexp2p.repository.MemoryRepository} keeps it in memory for simulations, and
 * {@link org.annexp2p.repository.LooseFiles} stands in with plain files outside any repository. The
 * interpreters module performs the Local instructions over any of them.
 */
package org.annexp2p.repository;
