package org.annexp2p.web.browser;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;

/** {@link PageProgram} started with this test's class path and extra environment; stopped (its tree) by close. */
final class PageProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("(?m)^(http://127\\.0\\.0\\.1:\\d+/\\?token=\\S+)$");

    private final RunningCommand running;
    private final URI url;

    private PageProcess(RunningCommand running, URI url) {
        this.running = running;
        this.url = url;
    }

    static PageProcess start(Path repository, Map<String, String> environment, Path log) throws IOException,
            InterruptedException {
        RunningCommand running = Command.java("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-cp", System.getProperty("java.class.path"), PageProgram.class.getName(), repository.toString())
                .env(environment).log(log).start();
        try {
            return new PageProcess(running, URI.create(running.await(URL, Duration.ofSeconds(60))));
        } catch (RuntimeException | Error e) {
            running.close();
            throw e;
        }
    }

    /** Its address with the access token. */
    URI url() {
        return url;
    }

    String origin() {
        return "http://127.0.0.1:" + url.getPort();
    }

    /** Everything it printed so far, for a failing test's message. */
    String said() {
        return running.said();
    }

    @Override
    public void close() {
        running.close();
    }
}
