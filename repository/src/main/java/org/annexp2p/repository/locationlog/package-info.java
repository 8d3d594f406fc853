/**
 * git-annex's presence logs (location logs among them) and the journal through which their changes reach the
 * git-annex branch without git plumbing.
 */
package org.annexp2p.repository.locationlog;
