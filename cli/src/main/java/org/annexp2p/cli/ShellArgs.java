package org.annexp2p.cli;

import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;

/**
 * git-annex-shell's argument shape: {@code COMMAND DIR [--debug] PARAMS... [--uuid UUID] [-- field=value... --]}.
 * Parsed by hand because it is fixed by git-annex, not ours to design.
 */
record ShellArgs(String command, String directory, List<String> params, Option<String> uuid, boolean debug) {

    static ShellArgs parse(List<String> argv) {
        if (argv.size() < 2) {
            throw new Main.UsageException("usage: annex-p2p " + (argv.isEmpty() ? "p2pstdio" : argv.get(0))
                    + " DIRECTORY [--debug] CLIENT-UUID [--uuid EXPECTED-UUID]");
        }
        String command = argv.get(0);
        String directory = argv.get(1);
        List<String> params = new ArrayList<>();
        Option<String> uuid = Option.none();
        boolean debug = false;
        for (int i = 2; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--debug")) {
                debug = true;
            } else if (a.equals("--uuid")) {
                if (i + 1 >= argv.size()) {
                    throw new Main.UsageException("--uuid needs a value");
                }
                uuid = Option.some(argv.get(++i));
            } else if (a.equals("--")) {
                // Fields git-annex passes between "--" markers (e.g. remoteuuid=...) are informational here.
                int end = argv.subList(i + 1, argv.size()).indexOf("--");
                i = end < 0 ? argv.size() : i + 1 + end;
            } else if (a.startsWith("--") && !a.equals("--")) {
                // Unknown options are ignored, as git-annex-shell ignores what it does not know.
                continue;
            } else {
                params.add(a);
            }
        }
        return new ShellArgs(command, expandHome(directory), params, uuid, debug);
    }

    /** git-annex-shell accepts {@code /~/path} and {@code /~user/path} for paths relative to a home. */
    static String expandHome(String dir) {
        if (dir.startsWith("/~/")) {
            return System.getProperty("user.home") + dir.substring(2);
        }
        if (dir.equals("/~")) {
            return System.getProperty("user.home");
        }
        if (dir.startsWith("/~")) {
            int slash = dir.indexOf('/', 2);
            String user = slash < 0 ? dir.substring(2) : dir.substring(2, slash);
            String rest = slash < 0 ? "" : dir.substring(slash);
            if (user.equals(System.getProperty("user.name"))) {
                return System.getProperty("user.home") + rest;
            }
            return "/home/" + user + rest;
        }
        return dir;
    }
}
