package org.annexp2p.session;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.annexp2p.interpreters.Full;
import org.annexp2p.protocol.conversation.Server;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.session.plugin.exec.ExecPlugin;
import org.annexp2p.transports.stdio.StdioConnection;

/** The conversation with a started command that serves p2pstdio, through --exec's plugin (its command line split as the user's). */
class ExecConversationTest extends PeerConversationSuite {

    @Override
    protected Fixture serve() {
        String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Stream.of(StdioServerProgram.class, Full.class, Server.class, MemoryRepository.class,
                StdioConnection.class, io.vavr.control.Option.class)
                .map(ExecConversationTest::codeSource).distinct().collect(Collectors.joining(File.pathSeparator));
        String command = String.join(" ", List.of(quoted(jvm), "-cp", quoted(classpath), StdioServerProgram.class.getName()));
        ExecPlugin exec = new ExecPlugin();
        // p2pstdio announces itself rather than asking for a token; each dial starts its own command, so nothing to stop.
        return Fixture.of(exec, command, false, () -> { });
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
