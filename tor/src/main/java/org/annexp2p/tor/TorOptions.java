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

    /** The {@code --tor} word a user means: the one given, or auto when none was. */
    public static String policyWord(String given) {
        return given == null ? "auto" : given;
    }

    /**
     * The options a user's words choose: {@code policy} launch, attach or auto (null: auto), a control address, a
     * SOCKS address and an extra torrc file (each null when not given), for a tor that keeps its state in
     * {@code stateDir} if launched.
     *
     * @throws IllegalArgumentException saying which word is wrong
     */
    public static TorOptions chosen(String policy, String control, String socks, Path extraTorrc, Path stateDir) {
        TorPolicy p;
        try {
            p = TorPolicy.valueOf(policyWord(policy).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tor must be launch, attach or auto, not " + policy, e);
        }
        TorOptions o = defaults(stateDir).withPolicy(p);
        if (control != null) {
            o = o.withControl(control);
        }
        if (socks != null) {
            o = o.withSocks(socks);
        }
        if (extraTorrc != null) {
            if (!java.nio.file.Files.isReadable(extraTorrc)) {
                throw new IllegalArgumentException("cannot read --tor-extra-config " + extraTorrc);
            }
            o = o.withExtraTorrc(extraTorrc);
        }
        return o;
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
