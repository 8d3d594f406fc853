package org.annexp2p.tor.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Why a tor we launched exited, in tor's own words where its log has them. */
final class TorExit {

    private static final int SIGNALLED = 128;

    private TorExit() {
    }

    /**
     * One line: how it ended (status or signal) and, when tor said why, its words: the first of the [err] lines at
     * the end of the log and the [warn] just before it (tor's "another Tor process is running with the same data
     * directory" is a warning followed by "No, it's still there. Exiting."); the later [err] lines only repeat it.
     */
    public static String reason(int status, Path log) {
        String how = status > SIGNALLED && status <= SIGNALLED + 64 ? "killed by signal " + (status - SIGNALLED)
                : "exit status " + status;
        String said = torsWords(log);
        return said.isEmpty() ? how : how + ": " + said;
    }

    static String torsWords(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
        int firstErr = -1;
        for (int i = lines.size() - 1; i >= 0 && i >= lines.size() - 20; i--) {
            if (lines.get(i).contains("[err]")) {
                firstErr = i;
            } else if (firstErr >= 0) {
                break;
            }
        }
        if (firstErr < 0) {
            return "";
        }
        List<String> words = new ArrayList<>();
        if (firstErr > 0 && lines.get(firstErr - 1).contains("[warn]")) {
            words.add(message(lines.get(firstErr - 1), "[warn]"));
        }
        words.add(message(lines.get(firstErr), "[err]"));
        return String.join(" ", words);
    }

    private static String message(String line, String tag) {
        return line.substring(line.indexOf(tag) + tag.length()).strip().replaceAll("\\s+", " ");
    }
}
