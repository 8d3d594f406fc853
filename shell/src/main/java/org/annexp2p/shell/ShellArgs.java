package org.annexp2p.shell;

import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;

/**
 * What follows {@code COMMAND DIRECTORY} in a git-annex-shell command: {@code [--debug] PARAMS... [--uuid UUID]
 * [-- field=value... -- [rsync options]]}. As git-annex-shell's partitionParams: only what comes before the first
 * {@code --} is parameters and options; the fields between the markers are informational here (git-annex-shell
 * keeps only remoteuuid and autoinit, for commands we do not implement) and what follows them is rsync's.
 * Options git-annex-shell knows and we do not are ignored.
 */
record ShellArgs(List<String> params, Option<String> uuid, boolean debug) {

    static ShellArgs parse(List<String> afterDirectory) {
        List<String> params = new ArrayList<>();
        Option<String> uuid = Option.none();
        boolean debug = false;
        for (int i = 0; i < afterDirectory.size(); i++) {
            String a = afterDirectory.get(i);
            if (a.equals("--")) {
                break;
            } else if (a.equals("--debug")) {
                debug = true;
            } else if (a.equals("--uuid")) {
                if (i + 1 >= afterDirectory.size() || afterDirectory.get(i + 1).equals("--")) {
                    throw new ShellRefusal("The option `--uuid` expects an argument.");
                }
                uuid = Option.some(afterDirectory.get(++i));
            } else if (a.startsWith("--uuid=")) {
                uuid = Option.some(a.substring("--uuid=".length()));
            } else if (!a.startsWith("--")) {
                params.add(a);
            }
        }
        return new ShellArgs(List.copyOf(params), uuid, debug);
    }
}
