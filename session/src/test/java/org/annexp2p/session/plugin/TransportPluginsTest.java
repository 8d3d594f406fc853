package org.annexp2p.session.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.transports.memory.MemoryNetwork;
import org.junit.jupiter.api.Test;

class TransportPluginsTest {
    private static final AuthToken TOKEN = AuthToken.parse("abc123").get();


    private final MemoryNetwork network = new MemoryNetwork();
    private final TransportPlugins plugins = TransportPlugins.of(List.of(new MemoryPlugin(network, Duration.ofSeconds(5))));
    private final Dialing dialing = new Dialing(new MemoryRepository(Uuid.random()), GivenToken.exactly(TOKEN),
            Optional.empty(), notice -> { }, false);

    @Test
    void anAddressGoesToThePluginOfItsScheme() throws IOException {
        try (var listener = network.listen("peer")) {
            Dialed dialed = plugins.dial("mem://peer", dialing);
            assertThat(dialed.greeting()).isEqualTo(new Greeting.Token(TOKEN));
            assertThat(listener.accept()).isNotNull();
            dialed.connection().close();
        }
    }

    @Test
    void anAddressNoPluginClaimsNamesTheFormsUsersMayWrite() {
        assertThatThrownBy(() -> plugins.dial("ftp://x", dialing))
                .isInstanceOf(MalformedAddressException.class)
                .hasMessage("unsupported address ftp://x (expected mem://NAME)");
    }

    @Test
    void aMalformedAddressIsThePluginsOneLine() {
        assertThatThrownBy(() -> plugins.dial("mem://", dialing)).hasMessage("mem:// needs a name");
    }
}
