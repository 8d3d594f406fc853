package org.annexp2p.pairing.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanDialTest {

    @Test
    void aMovedPeerKeepsItsOtherInterfacesButNotStalePortsOnTheAnsweringIp() throws Exception {
        InetSocketAddress oldPort = new InetSocketAddress(InetAddress.getByName("192.168.1.5"), 4243);
        InetSocketAddress wired = new InetSocketAddress(InetAddress.getByName("10.0.0.5"), 4243);
        InetSocketAddress now = new InetSocketAddress(InetAddress.getByName("192.168.1.5"), 5000);
        assertThat(LanDial.moved(List.of(oldPort, wired), now)).containsExactly(now, wired);
    }
}
