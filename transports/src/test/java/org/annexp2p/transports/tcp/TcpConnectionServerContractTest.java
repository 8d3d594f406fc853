package org.annexp2p.transports.tcp;

import org.annexp2p.transports.contract.ParkedServerContract;
import org.annexp2p.transports.contract.TransportContract.Fixture;

class TcpConnectionServerContractTest extends ParkedServerContract {

    @Override
    protected Fixture openFixture() throws Exception {
        return LoopbackTcp.fixture();
    }
}
