package org.annexp2p.session.plugin;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The plugins in use, in one place: every command finds the plugin for an address here. */
public final class TransportPlugins {
    private final List<TransportPlugin<?>> plugins;

    private TransportPlugins(List<TransportPlugin<?>> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    public static TransportPlugins of(List<TransportPlugin<?>> plugins) {
        return new TransportPlugins(plugins);
    }

    /** The plugin whose scheme {@code address} is written in. */
    public Optional<TransportPlugin<?>> find(String address) {
        return plugins.stream().filter(p -> p.claims(address)).findFirst();
    }

    /** Parses and dials {@code address}; an address no plugin claims or its plugin cannot read is bad usage. */
    public Dialed dial(String address, Dialing dialing) throws IOException {
        return dial(plugin(address), address, dialing);
    }

    private static <A> Dialed dial(TransportPlugin<A> plugin, String address, Dialing dialing) throws IOException {
        return plugin.dial(plugin.parse(address), dialing);
    }

    private TransportPlugin<?> plugin(String address) {
        return find(address).orElseThrow(() -> new MalformedAddressException("unsupported address " + address
                + " (expected " + forms() + ")"));
    }

    /** The address forms users may write, for messages: "tls://HOST:PORT/PIN, tcp://HOST:PORT or ...". */
    public String forms() {
        List<String> forms = plugins.stream().map(TransportPlugin::form).collect(Collectors.toList());
        if (forms.size() < 2) {
            return String.join("", forms);
        }
        return String.join(", ", forms.subList(0, forms.size() - 1)) + " or " + forms.get(forms.size() - 1);
    }
}
