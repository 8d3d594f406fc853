package org.annexp2p.transports.tcp;

import org.annexp2p.transports.contract.TransportContract;

class TcpTransportContractTest extends TransportContract {

    @Override
    protected Fixture openFixture() throws Exception {
        return LoopbackTcp.fixture();
    }
}
