package org.annexp2p.transports.memory;

import org.annexp2p.transports.Dialer;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.contract.TransportContract;

class MemoryTransportContractTest extends TransportContract {

    @Override
    protected Fixture openFixture() throws Exception {
        MemoryNetwork network = new MemoryNetwork();
        Listener listener = network.listen("server");
        return new Fixture() {
            @Override
            public Listener listener() {
                return listener;
            }

            @Override
            public Dialer dialer() {
                return network.dialer();
            }

            @Override
            public String address() {
                return "server";
            }

            @Override
            public String unreachableAddress() {
                return "nobody-home";
            }

            @Override
            public void close() {
                listener.close();
            }
        };
    }

    @Override
    protected long maxBufferedBytes() {
        return 2 * MemoryNetwork.DEFAULT_BUFFER;
    }
}
