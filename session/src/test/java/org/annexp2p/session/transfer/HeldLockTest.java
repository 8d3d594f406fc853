package org.annexp2p.session.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.MemoryPlugin;
import org.annexp2p.testkit.content.TestKeys;
import org.annexp2p.testkit.peers.ServedRepository;
import org.annexp2p.transports.memory.MemoryNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** lock's conversation against the real server: the content is locked while the hold lasts, then unlocked. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeldLockTest {
    static final AuthToken TOKEN = AuthToken.parse("s3cretTokenForHeldLock").get();
    static final byte[] CONTENT = "content to lock".getBytes(StandardCharsets.UTF_8);
    static final Key KEY = TestKeys.sha256e(CONTENT, ".txt");

    final MemoryNetwork network = new MemoryNetwork();
    final MemoryRepository peer = new MemoryRepository(Uuid.random());
    final MemoryRepository ours = new MemoryRepository(Uuid.random());
    final ServedRepository server;

    HeldLockTest() throws Exception {
        server = ServedRepository.on(network.listen("peer"), peer, TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    PeerSession session() throws Exception {
        MemoryPlugin plugin = new MemoryPlugin(network, Duration.ofSeconds(30));
        GivenToken token = new GivenToken(Optional.of(TOKEN.reveal()), Optional.empty());
        return PeerSession.open(plugin.dial(plugin.parse("mem://peer"), new Dialing(ours, token, Optional.empty(),
                notice -> { }, false)), ours, PeerSession.Options.DEFAULT);
    }

    @Test
    void thePeerHoldsTheLockWhileToldAndReleasesItAfter() throws Exception {
        peer.putContent(KEY, CONTENT);
        List<Integer> locksWhileHeld = new ArrayList<>();
        HeldLock lock = new HeldLock(KEY, Duration.ZERO);
        try (PeerSession session = session()) {
            boolean locked = session.run(lock.operation(() -> locksWhileHeld.add(peer.lockCount(KEY))));
            lock.finished(locked);
            assertThat(locked).isTrue();
            // UNLOCKCONTENT has no reply: the peer answers the next request only once it has taken it.
            assertThat(session.run(Client.checkPresent(KEY))).isTrue();
            assertThat(peer.lockCount(KEY)).isZero();
        }
        assertThat(locksWhileHeld).containsExactly(1);
    }

    @Test
    void contentThePeerLacksIsNotLockedAndSaysSo() throws Exception {
        List<String> told = new ArrayList<>();
        HeldLock lock = new HeldLock(KEY, Duration.ZERO);
        try (PeerSession session = session()) {
            boolean locked = session.run(lock.operation(() -> told.add("locked")));
            assertThat(locked).isFalse();
            assertThatThrownBy(() -> lock.finished(locked))
                    .hasMessage("the peer could not lock " + KEY + " (it does not have it)");
        }
        assertThat(told).isEmpty();
    }
}
