package org.annexp2p.tor.privnet;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link PrivateTorNetwork} parameter. One network is shared by every test class of the JVM
 * (starting one costs ~15-30 s); JUnit closes it when the whole run ends, and its tors die with the JVM anyway.
 */
public final class PrivateTorNetworkExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PrivateTorNetworkExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PrivateTorNetwork.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(Shared.class, k -> {
            PrivateTorNetwork net = PrivateTorNetwork.start();
            System.out.printf("private Tor network up in %.1f s (%s)%n", net.startupTime().toNanos() / 1e9, net.baseDir());
            return new Shared(net);
        }, Shared.class).network;
    }

    /** Store entries that are CloseableResource are closed when their context (here: the root) ends. */
    private record Shared(PrivateTorNetwork network) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            network.close();
        }
    }
}
