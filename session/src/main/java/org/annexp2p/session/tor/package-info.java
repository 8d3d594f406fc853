/** Giving a repository its onion address ({@code enable-tor}): publishing it and measuring that it is reachable. */
package org.annexp2p.session.tor;
