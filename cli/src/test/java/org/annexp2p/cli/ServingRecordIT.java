package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.repository.serving.ServedWay;
import org.annexp2p.repository.serving.ServingProcess;
import org.annexp2p.repository.serving.ServingRecord;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} and {@code p2phttp}, started as a person starts them, record in the repository what they serve
 * (the page's status reads it) and remove their entries when SIGTERM stops them.
 */
class ServingRecordIT {
    private static final String UUID = "00000000-0000-4000-8000-00000000516f";
    /** Generous: the first run may rebuild, and the machine may be busy. */
    private static final Duration LISTENING = Duration.ofSeconds(180);
    private static final Duration EXIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void serveAndP2pHttpRecordWhatTheyServeUntilStopped() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        GitAnnex.run(repo, Map.of(), "git", "init", "-q").ok();
        GitAnnex.run(repo, Map.of(), "git", "config", "annex.uuid", UUID).ok();
        ServingRecord record = ServingRecord.of(repo.resolve(".git/annex"));
        try (RunningCommand serve = start("serve", "--listen", "127.0.0.1:0", "--repo", repo.toString());
                RunningCommand http = start("p2phttp", "--port", "0", "--bind", "127.0.0.1", "--unauth-readonly",
                        "--repo", repo.toString())) {
            String tcp = serve.awaitErr(Pattern.compile("on (tcp://127\\.0\\.0\\.1:\\d+)"), LISTENING);
            String port = http.awaitErr(Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/git-annex/"), LISTENING);

            List<ServingProcess> running = record.running();
            assertThat(running).extracting(ServingProcess::pid).containsExactlyInAnyOrder(serve.pid(), http.pid());
            assertThat(ways(running, serve.pid())).containsExactly("tcp " + tcp);
            assertThat(ways(running, http.pid()))
                    .containsExactly("http annex+http://127.0.0.1:" + port + "/git-annex/" + UUID);

            serve.signal("TERM");
            http.signal("TERM");
            assertThat(serve.awaitExit(EXIT)).as("serve's exit; stderr:%n%s", serve.err()).isZero();
            assertThat(http.awaitExit(EXIT)).as("p2phttp's exit; stderr:%n%s", http.err()).isZero();
        }
        try (Stream<Path> left = Files.list(record.directory())) {
            assertThat(left).as("entries left after both stopped (removed by the servers, not by a reader)").isEmpty();
        }
    }

    /** As a terminal or systemd starts it: SIGINT and SIGTERM not ignored. */
    private static RunningCommand start(String... arguments) throws Exception {
        return Command.of(Stream.concat(Stream.of("env", "--default-signal=INT,TERM", Launcher.path().toString()),
                Stream.of(arguments)).toArray(String[]::new)).start();
    }

    private static List<String> ways(List<ServingProcess> running, long pid) {
        return running.stream().filter(p -> p.pid() == pid).flatMap(p -> p.ways().stream())
                .map((ServedWay w) -> w.kind() + " " + w.address()).toList();
    }
}
