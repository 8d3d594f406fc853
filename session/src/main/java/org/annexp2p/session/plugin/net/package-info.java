/**
 * {@code p2p-annex::NETNAME:ADDRESS}: generic P2P networks, each reached through the network's own helper
 * program {@code git-annex-p2p-NETNAME}, as git-annex runs it.
 */
package org.annexp2p.session.plugin.net;
