package org.annexp2p.transports.memory;

import org.annexp2p.transports.Listener;
import org.annexp2p.transports.contract.TransportContract;

class MemoryTransportContractTest extends TransportContract {

    @Override
    protected Fixture openFixture() throws Exception {
        MemoryNetwork network = new MemoryNetwork();
        Listener listener = network.listen("server");
        return Fixture.of(listener, network.dialer(), "server", "nobody-home", listener::close);
    }

    @Override
    protected boolean offersFileSender() {
        return false;
    }

    @Override
    protected long maxBufferedBytes() {
        return 2 * MemoryNetwork.DEFAULT_BUFFER;
    }
}
