package org.annexp2p.session;

import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.MemoryPlugin;

/** The conversation over the in-memory transport. */
class InMemoryConversationTest extends PeerConversationSuite {

    @Override
    protected Fixture serve() throws Exception {
        ServedInMemory served = new ServedInMemory("server");
        return new Fixture() {
            @Override
            public Dialed dial(MemoryRepository client, GivenToken token) throws Exception {
                MemoryPlugin plugin = served.plugin();
                return plugin.dial(plugin.parse("mem://server"), new Dialing(client, token, java.util.Optional.empty(),
                        line -> { }, false));
            }

            @Override
            public boolean wantsToken() {
                return true;
            }

            @Override
            public void close() {
                served.close();
            }
        };
    }
}
