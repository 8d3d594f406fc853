package org.annexp2p.session.plugin.exec;

import java.io.IOException;
import java.util.List;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.TransportPlugin;
import org.annexp2p.transports.stdio.CommandConnection;

/**
 * {@code --exec COMMAND}: start a command that serves like {@code git-annex-shell p2pstdio} on its standard
 * streams (often through ssh) and speak to it there. It announces itself, so no token is sent; and without
 * {@code --timeout} there is no deadline, as the command may be asking the user for a password.
 *
 * <p>Its "addresses" are command lines given with {@code --exec}, never with {@code --address}: the registry of
 * address schemes does not list it.
 */
public final class ExecPlugin implements TransportPlugin<List<String>> {

    @Override
    public String scheme() {
        return "--exec";
    }

    @Override
    public String form() {
        return "--exec COMMAND";
    }

    @Override
    public boolean claims(String address) {
        return false;
    }

    /**
     * The command's words. An unterminated quote is an {@link IllegalArgumentException} that is not bad usage, as it
     * has always been (exit 1).
     */
    @Override
    public List<String> parse(String command) {
        List<String> argv = ShellCommandLine.split(command);
        if (argv.isEmpty()) {
            throw new MalformedAddressException("--exec needs a command");
        }
        return argv;
    }

    @Override
    public Dialed dial(List<String> argv, Dialing dialing) throws IOException {
        return new Dialed(CommandConnection.start(argv), new Greeting.Announced(), dialing.bound(), false);
    }
}
