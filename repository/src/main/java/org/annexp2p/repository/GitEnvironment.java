package org.annexp2p.repository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The environment a repository's git commands run in, which also decides whether a saved git config answer may be
 * used (HOME, XDG_CONFIG_HOME, GIT_CONFIG*): this process's own, or a session's given whole, as a resident shell
 * server's session gives it (it replaces the server's, it is not merged with it).
 */
public sealed interface GitEnvironment {

    /** This process's environment and directory: git children inherit them, as they always did. */
    GitEnvironment THIS_PROCESS = new Inherited();

    /** A session's: exactly {@code variables} and {@code directory}, nothing of this process's. */
    static Given of(Map<String, String> variables, Path directory) {
        return new Given(variables, directory);
    }

    /** The variables git sees. */
    Map<String, String> variables();

    /** This process's environment. */
    record Inherited() implements GitEnvironment {
        @Override
        public Map<String, String> variables() {
            return System.getenv();
        }
    }

    /**
     * A session's environment and current directory. Its program is found on its own PATH: the JVM would search
     * its own PATH for a child's program, whatever environment the child gets.
     */
    record Given(Map<String, String> variables, Path directory) implements GitEnvironment {
        /** Where execvp looks when PATH is unset (glibc's confstr _CS_PATH). */
        private static final String DEFAULT_PATH = "/bin:/usr/bin";

        public Given {
            variables = Map.copyOf(variables);
            directory = directory.toAbsolutePath();
        }

        /**
         * {@code program} as the session's shell would find it: the first executable regular file of that name in
         * a directory of its PATH (an empty entry is its current directory, as for execvp).
         */
        public Optional<Path> find(String program) {
            String path = variables.getOrDefault("PATH", DEFAULT_PATH);
            for (String dir : path.split(":", -1)) {
                Path candidate = directory.resolve(dir.isEmpty() ? "." : dir).resolve(program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.normalize());
                }
            }
            return Optional.empty();
        }

        /**
         * Variables that differ from one ssh connection to the next and that git never reads (sshd's and
         * pam_systemd's, the shell's bookkeeping): sessions that differ only in them may share a git.
         */
        private static final Set<String> PER_CONNECTION = Set.of("SSH_CLIENT", "SSH_CONNECTION", "SSH_TTY",
                "SSH_AUTH_SOCK", "SSH_ORIGINAL_COMMAND", "SSH_USER_AUTH", "XDG_SESSION_ID", "_", "SHLVL", "OLDPWD");

        /** This environment without the variables that only tell one connection from another. */
        public Given shareable() {
            Map<String, String> kept = new HashMap<>(variables);
            kept.keySet().removeAll(PER_CONNECTION);
            return kept.size() == variables.size() ? this : new Given(kept, directory);
        }

        /** Never the values: a session's environment may hold secrets. */
        @Override
        public String toString() {
            return "GitEnvironment.Given(" + variables.size() + " variables, " + directory + ")";
        }
    }
}
