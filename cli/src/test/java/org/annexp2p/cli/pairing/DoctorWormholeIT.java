package org.annexp2p.cli.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.testkit.wormhole.WormholeServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor's wormhole check speaks to the mailbox server: the real one (Debian's) passes, and the transit relay's
 * port, which accepts TCP just as well, fails.
 */
class DoctorWormholeIT {
    @TempDir
    Path dir;

    @Test
    void theMailboxServerPassesAndTheTransitRelaysPortDoesNot() throws Exception {
        try (WormholeServers servers = WormholeServers.start(dir)) {
            JsonNode ok = wormholeCheck(servers.relayUrl());
            assertThat(ok.get("status").asText()).as("%s", ok).isEqualTo("ok");
            assertThat(ok.get("detail").asText()).contains("answers as a Magic Wormhole mailbox server");

            String relayPort = servers.transitHelper().substring(servers.transitHelper().lastIndexOf(':') + 1);
            JsonNode relay = wormholeCheck("ws://127.0.0.1:" + relayPort + "/v1");
            assertThat(relay.get("status").asText()).as("%s", relay).isEqualTo("fail");
        }
    }

    private JsonNode wormholeCheck(String url) throws Exception {
        GitAnnex.Result r = AnnexP2p.run(dir, Map.of(), "doctor", "--json", "--loopback", "--relay-url", url,
                "--discovery-port", String.valueOf(WormholeServers.freePort()),
                "--tor-control", "127.0.0.1:" + WormholeServers.freePort());
        for (JsonNode c : new ObjectMapper().readTree(r.out()).get("checks")) {
            if (c.get("name").asText().equals("wormhole server")) {
                return c;
            }
        }
        throw new AssertionError("no wormhole server check in:\n" + r.out());
    }
}
