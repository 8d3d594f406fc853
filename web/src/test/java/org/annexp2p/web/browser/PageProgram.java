package org.annexp2p.web.browser;

import java.nio.file.Path;
import org.annexp2p.web.RunningUi;
import org.annexp2p.web.UiSettings;
import org.annexp2p.web.WebUi;

/**
 * The page of the repository named by the one argument, in a JVM of its own ({@link PageProcess}): what the
 * {@code ui} command does, for a test that needs each page to have its own environment (the wormhole servers it
 * pairs through). Its doctor's network checks stay on loopback. Prints the address with its token as its first
 * line, as the command does.
 */
public final class PageProgram {
    private PageProgram() {}

    public static void main(String[] args) throws Exception {
        try (RunningUi ui = WebUi.start(UiSettings.loopback(Path.of(args[0])).checkingLoopbackOnly())) {
            System.out.println(ui.url());
            System.out.flush();
            ui.awaitClose();
        }
    }
}
