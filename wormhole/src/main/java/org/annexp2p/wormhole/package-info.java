/**
 * Magic Wormhole in pure Java, interoperable with the Python {@code wormhole} 0.12 CLI.
 *
 * <p>Entry point: {@link org.annexp2p.wormhole.Wormhole}, configured by
 * {@link org.annexp2p.wormhole.WormholeOptions} (mailbox URL, appid, transit helpers, listening,
 * timeouts). Each call runs one wormhole on the calling thread, so sends and receives may run at the
 * same time; git-annex's pairing does exactly that, one send and one receive per repository, under
 * appid {@code git-annex.branchable.com/p2p-setup}:
 *
 * <pre>{@code
 * Wormhole w = new Wormhole(WormholeOptions.defaults().withAppId("git-annex.branchable.com/p2p-setup"));
 * // thread 1: the code reaches the listener as soon as the nameplate is allocated, long before the transfer ends
 * FileSent sent = w.sendFile(pairData, Optional.empty(), code -> show(code.value()));
 * // thread 2: the peer's code, typed by the user
 * Received got = w.receive(Code.parse(typed), offer -> Optional.of(tmpDir.resolve("recv")));
 * }</pre>
 *
 * <p>Two programs that only need to swap one blob each (no file transfer, no Transit) use
 * {@link org.annexp2p.wormhole.BlobInitiator} and {@link org.annexp2p.wormhole.BlobReceiver}, which speak what the
 * python library's {@code send_message}/{@code get_message} speak under an appid of their own:
 *
 * <pre>{@code
 * try (BlobInitiator initiator = new BlobInitiator("example.com/my-app", mine, Optional.empty())) {
 *     show(initiator.start().value());       // or startAsync()
 *     byte[] theirs = initiator.finish();    // or finishAsync()
 * }
 * byte[] theirs = new BlobReceiver("example.com/my-app", Code.parse(typed), mine, Optional.empty()).finish();
 * }</pre>
 *
 * <p>Failures are {@link org.annexp2p.wormhole.WormholeException}s, one subtype per cause
 * ({@link org.annexp2p.wormhole.WrongCodeException} for a mistyped code, and so on); their messages
 * are single lines fit for users and never contain the code or a key. Sub-packages hold the
 * building blocks: {@code spake2}, {@code crypto} (HKDF, SecretBox, session keys), {@code code}
 * (codes, word list, completion), {@code mailbox} (the rendezvous protocol over WebSocket),
 * {@code transit} (direct and relayed connections, encrypted records) and {@code transfer}
 * (the file-transfer messages).
 */
package org.annexp2p.wormhole;
