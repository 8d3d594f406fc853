/**
 * Tor for annex-p2p, without root and without editing torrc.
 *
 * <p>{@link org.annexp2p.tor.TorSession#open TorSession.open(TorOptions)} attaches to a running tor or launches
 * a private one ({@link org.annexp2p.tor.TorPolicy}); the session supervises its control connection and
 * recovers after tor dies. {@link org.annexp2p.tor.TorSession#publish publish(keyFile, port, target)} puts an
 * onion service up with a key kept in a 0600 file, so the address is stable;
 * {@link org.annexp2p.tor.TorSession#measure measure(service, timeout)} proves it reachable and says how long it
 * took. {@link org.annexp2p.tor.OnionListener} and {@link org.annexp2p.tor.socks.OnionDialer} are the
 * transport's two ends. Every failure is a {@link org.annexp2p.tor.TorException} with a
 * {@link org.annexp2p.tor.TorException.Reason}.
 *
 * <p>Sub-packages: {@code control} (control port: auth, commands with timeouts, typed events), {@code launch}
 * (our own tor process), {@code onion} (addresses, keys, git-annex torrc lines), {@code socks} (the dialer),
 * {@code local} (unix socket listener).
 */
package org.annexp2p.tor;
