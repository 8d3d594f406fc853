package org.annexp2p.session.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.transports.memory.MemoryNetwork;
import org.junit.jupiter.api.Test;

class TransportPluginsTest {

    /** A plugin for {@code mem://NAME} addresses over an in-memory network. */
    record MemoryPlugin(MemoryNetwork network) implements TransportPlugin<String> {
        @Override
        public String scheme() {
            return "mem://";
        }

        @Override
        public String form() {
            return "mem://NAME";
        }

        @Override
        public String parse(String address) {
            String name = address.substring(scheme().length());
            if (name.isEmpty()) {
                throw new MalformedAddressException("mem:// needs a name");
            }
            return name;
        }

        @Override
        public Dialed dial(String name, Dialing dialing) throws IOException {
            return new Dialed(network.dial(name, java.time.Duration.ofSeconds(5)), new Greeting.Announced(),
                    Optional.empty(), true);
        }
    }

    private final MemoryNetwork network = new MemoryNetwork();
    private final TransportPlugins plugins = TransportPlugins.of(List.of(new MemoryPlugin(network)));
    private final Dialing dialing = Dialing.quietly(new MemoryRepository(org.annexp2p.protocol.wire.Uuid.random()));

    @Test
    void anAddressGoesToThePluginOfItsScheme() throws IOException {
        try (var listener = network.listen("peer")) {
            Dialed dialed = plugins.dial("mem://peer", dialing);
            assertThat(dialed.greeting()).isEqualTo(new Greeting.Announced());
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
