package org.annexp2p.session;


/** The conversation over the in-memory transport. */
class InMemoryConversationTest extends PeerConversationSuite {

    @Override
    protected Fixture serve() throws Exception {
        ServedInMemory served = new ServedInMemory("server");
        return Fixture.of(served.plugin(), "mem://server", true, served::close);
    }
}
