package org.annexp2p.tor.privnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A port picked free can be taken before tor binds it; the tor that finds it taken exits at start. The network
 * must then start anyway, on fresh ports: an authority's failure rebuilds the whole network (its ports are in
 * everyone's torrc), the client's restarts the client alone.
 */
class PrivateTorNetworkIT {

    @Test
    void aTakenListenerPortOfAnAuthorityOrTheClientIsReplacedByAFreshOne() throws Exception {
        ListenerPorts free = ListenerPorts.ofThisMachine();
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int taken = held.getLocalPort();
            Set<String> collided = ConcurrentHashMap.newKeySet();
            // the first ports of auth0 and of the client are the one held here, as if another program bound it first
            ListenerPorts collides = (node, count) -> {
                int[] ports = free.take(node, count);
                if ((node.equals("auth0") || node.equals("client")) && collided.add(node)) {
                    ports[0] = taken;
                }
                return ports;
            };
            try (PrivateTorNetwork net = PrivateTorNetwork.start(collides)) {
                assertThat(collided).containsExactlyInAnyOrder("auth0", "client");
                assertThat(net.startAttempts()).as("network starts (auth0's collision)").isEqualTo(2);
                assertThat(net.listenerPorts()).as("the ports of the network that runs").hasSize(21)
                        .doesNotHaveDuplicates().doesNotContain(taken);
                assertThat(net.processes()).hasSize(7).allMatch(ProcessHandle::isAlive);
            }
        }
    }
}
