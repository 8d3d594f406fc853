/** Giving a repository its onion address ({@code enable-tor}): making it without tor, or
 * publishing it and measuring that it is reachable ({@code enable-tor --check}, the web page). */
package org.annexp2p.session.tor;
