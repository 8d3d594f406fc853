package org.annexp2p.tor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.annexp2p.tor.control.ControlAuth;

/**
 * How to find or start tor. {@code control} and {@code socks} are the user's explicit choices
 * ({@code HOST:PORT} or {@code unix:PATH}); when absent, {@code ANNEX_P2P_TOR_CONTROL} and
 * {@code ANNEX_P2P_TOR_SOCKS} from {@code environment} are used, then the usual defaults.
 */
public record TorOptions(TorPolicy policy, Optional<String> control, Optional<String> socks, Path stateDir,
        Optional<Path> extraTorrc, ControlAuth auth, Duration startupTimeout, Duration commandTimeout,
        Map<String, String> environment) {

    public static final String ENV_CONTROL = "ANNEX_P2P_TOR_CONTROL";
    public static final String ENV_SOCKS = "ANNEX_P2P_TOR_SOCKS";

    public TorOptions {
        if (policy == null || control == null || socks == null || stateDir == null || extraTorrc == null
                || auth == null || startupTimeout == null || commandTimeout == null || environment == null) {
            throw new IllegalArgumentException("every TorOptions field is required (use Optional.empty())");
        }
        environment = Map.copyOf(environment);
    }

    /** AUTO policy, process environment, 120 s to start/bootstrap, 30 s per control command. */
    public static TorOptions defaults(Path stateDir) {
        return new TorOptions(TorPolicy.AUTO, Optional.empty(), Optional.empty(), stateDir, Optional.empty(),
                ControlAuth.automatic(), Duration.ofSeconds(120), Duration.ofSeconds(30), System.getenv());
    }

    public TorOptions withPolicy(TorPolicy p) {
        return new TorOptions(p, control, socks, stateDir, extraTorrc, auth, startupTimeout, commandTimeout, environment);
    }

    public TorOptions withControl(String c) {
        return new TorOptions(policy, Optional.of(c), socks, stateDir, extraTorrc, auth, startupTimeout, commandTimeout, environment);
    }

    public TorOptions withSocks(String s) {
        return new TorOptions(policy, control, Optional.of(s), stateDir, extraTorrc, auth, startupTimeout, commandTimeout, environment);
    }

    public TorOptions withExtraTorrc(Path p) {
        return new TorOptions(policy, control, socks, stateDir, Optional.of(p), auth, startupTimeout, commandTimeout, environment);
    }

    public TorOptions withAuth(ControlAuth a) {
        return new TorOptions(policy, control, socks, stateDir, extraTorrc, a, startupTimeout, commandTimeout, environment);
    }

    public TorOptions withTimeouts(Duration startup, Duration command) {
        return new TorOptions(policy, control, socks, stateDir, extraTorrc, auth, startup, command, environment);
    }

    public TorOptions withEnvironment(Map<String, String> env) {
        return new TorOptions(policy, control, socks, stateDir, extraTorrc, auth, startupTimeout, commandTimeout, env);
    }

    /** The explicit control address, else the environment's. */
    Optional<String> effectiveControl() {
        return control.or(() -> Optional.ofNullable(environment.get(ENV_CONTROL)).filter(s -> !s.isBlank()));
    }

    Optional<String> effectiveSocks() {
        return socks.or(() -> Optional.ofNullable(environment.get(ENV_SOCKS)).filter(s -> !s.isBlank()));
    }
}
