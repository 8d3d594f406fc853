package org.annexp2p.wormhole;

import org.annexp2p.testkit.wormhole.WormholeServers;
import org.annexp2p.testkit.process.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;

/** Runs the Python {@code wormhole} 0.12 CLI against the local servers; relay options always given (never the public ones). */
final class PythonCli {

    /** Nothing listens on port 1: a transit helper there fails at once, leaving only direct connections. */
    static final String NO_RELAY = "tcp:127.0.0.1:1";

    private final WormholeServers servers;
    private final Path workDir;
    private final String transitHelper;

    PythonCli(WormholeServers servers, Path workDir) {
        this(servers, workDir, servers.transitHelper());
    }

    private PythonCli(WormholeServers servers, Path workDir, String transitHelper) {
        this.servers = servers;
        this.workDir = workDir;
        this.transitHelper = transitHelper;
    }

    /** The same CLI with no usable transit relay, so that a transfer can only succeed directly. */
    PythonCli withoutRelay() {
        return new PythonCli(servers, workDir, NO_RELAY);
    }

    RunningCommand runScoped(String appId, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(Programs.require("wormhole", "magic-wormhole").toString(),
                "--relay-url", servers.relayUrl(), "--transit-helper", transitHelper));
        if (appId != null) {
            command.add("--appid");
            command.add(appId);
        }
        command.addAll(List.of(args));
        Command c = Command.of(command).in(workDir).env("PYTHONUNBUFFERED", "1");
        try {
            return (stdin == null ? c : c.stdin(stdin)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    RunningCommand run(String... args) {
        return runScoped(null, null, args);
    }
}
