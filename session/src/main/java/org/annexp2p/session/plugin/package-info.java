/**
 * Transport plugins: one per address scheme, each parsing its addresses, dialing and listening, all registered
 * in {@link org.annexp2p.session.plugin.TransportPlugins}.
 */
package org.annexp2p.session.plugin;
