/**
 * The hashes git-annex's hash backends name keys by, as {@link java.security.MessageDigest}s: the JDK's where it
 * has them (SHA-2, SHA-3, SHA-1, MD5, with their intrinsics), Bouncy Castle's for Skein, BLAKE2b and BLAKE2s,
 * and our own for the parallel modes BLAKE2bp and BLAKE2sp, which Bouncy Castle gets wrong or lacks.
 */
package org.annexp2p.repository.objects.hashes;
