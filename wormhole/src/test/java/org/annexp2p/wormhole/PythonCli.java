package org.annexp2p.wormhole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the Python {@code wormhole} 0.12 CLI against the local servers; relay options always given (never the public ones). */
final class PythonCli {

    /** Nothing listens on port 1: a transit helper there fails at once, leaving only direct connections. */
    static final String NO_RELAY = "tcp:127.0.0.1:1";

    private final LocalServers servers;
    private final Path workDir;
    private final String transitHelper;

    PythonCli(LocalServers servers, Path workDir) {
        this(servers, workDir, servers.transitEndpoint());
    }

    private PythonCli(LocalServers servers, Path workDir, String transitHelper) {
        this.servers = servers;
        this.workDir = workDir;
        this.transitHelper = transitHelper;
    }

    /** The same CLI with no usable transit relay, so that a transfer can only succeed directly. */
    PythonCli withoutRelay() {
        return new PythonCli(servers, workDir, NO_RELAY);
    }

    RunningProcess runScoped(String appId, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(Programs.require("wormhole", "magic-wormhole").toString(),
                "--relay-url", servers.relayUrl().toString(), "--transit-helper", transitHelper));
        if (appId != null) {
            command.add("--appid");
            command.add(appId);
        }
        command.addAll(List.of(args));
        return RunningProcess.start(command, workDir, Map.of("PYTHONUNBUFFERED", "1"), stdin);
    }

    RunningProcess run(String... args) {
        return runScoped(null, null, args);
    }
}
