package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.annexp2p.tor.control.ControlAuth;
import org.annexp2p.tor.control.ControlConnection;
import org.annexp2p.tor.testing.OfflineTor;
import org.annexp2p.tor.testing.TorProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The address we derive from a key made without tor is the one real tor serves for it: each key is added to a tor
 * (with no network) and ADD_ONION's ServiceID, which tor computes from the key alone, must be ours.
 */
class NewOnionIT {

    private static final Duration T = Duration.ofSeconds(15);

    @AfterAll
    static void noTorLeaked() {
        assertThat(TorProcesses.torChildren(java.util.Set.of())).as("tor processes left running").isEmpty();
    }

    @Test
    void torServesTheAddressWeDerivedForEachNewKey(@TempDir Path dir) throws Exception {
        SecureRandom random = new SecureRandom();
        try (OfflineTor tor = OfflineTor.start(dir, "CookieAuthentication 1");
                ControlConnection c = ControlConnection.open(tor.unix(), ControlAuth.automatic(), T, T)) {
            for (int i = 0; i < 32; i++) {
                NewOnion made = NewOnion.generate(random);
                ControlConnection.AddedOnion added = c.addOnion(made.key().blob(), Map.of(80, "127.0.0.1:9"), List.of());
                assertThat(added.serviceId()).as("key %d", i).isEqualTo(made.address().serviceId());
                assertThat(added.privateKey()).as("tor returns no key it was given").isEmpty();
                c.delOnion(added.serviceId());
            }
        }
    }
}
