package org.annexp2p.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.annexp2p.cli.lan.DoctorCommand;
import org.annexp2p.cli.lan.LanPairCommand;
import org.annexp2p.cli.wormhole.WormholeCommand;
import picocli.CommandLine;

/**
 * The subcommands, in the order --help lists them. picocli reflects over a command's options when it is added,
 * and adding all of them is a noticeable share of every start (docs/performance.md, Start-up), so a run that names
 * its subcommand first adds only that one (see {@link #registerFor}).
 */
final class Commands {
    private Commands() {}

    private static final Map<String, Consumer<CommandLine>> BY_NAME = table();

    /** Built once and never changed after: the table is a constant, not state. */
    private static Map<String, Consumer<CommandLine>> table() {
        Map<String, Consumer<CommandLine>> byName = new LinkedHashMap<>();
        byName.put("demo", cl -> cl.addSubcommand(new DemoCommand()));
        byName.put("get", cl -> cl.addSubcommand(new GetCommand()));
        byName.put("put", cl -> cl.addSubcommand(new PutCommand()));
        byName.put("checkpresent", cl -> cl.addSubcommand(new CheckPresentCommand()));
        byName.put("lock", cl -> cl.addSubcommand(new LockCommand()));
        byName.put("remove", cl -> cl.addSubcommand(new RemoveCommand()));
        byName.put("serve", cl -> cl.addSubcommand(new ServeCommand()));
        byName.put("p2phttp", cl -> cl.addSubcommand(new P2pHttpCommand()));
        byName.put("token", cl -> cl.addSubcommand(new TokenCommand()));
        byName.put("p2p", cl -> cl.addSubcommand(new P2pCommand()));
        byName.put("enable-tor", cl -> cl.addSubcommand(new EnableTorCommand()));
        byName.put("pair", cl -> {
            cl.addSubcommand(new PairCommand());
            cl.getSubcommands().get("pair").addSubcommand("--lan", new LanPairCommand());
        });
        byName.put("doctor", cl -> cl.addSubcommand(new DoctorCommand()));
        byName.put("p2pstdio", cl -> cl.addSubcommand(new ShellCommands.P2pStdio()));
        byName.put("configlist", cl -> cl.addSubcommand(new ShellCommands.ConfigList()));
        byName.put("wormhole", cl -> cl.addSubcommand(new WormholeCommand()));
        byName.put("ui", cl -> cl.addSubcommand(new UiCommand()));
        return Collections.unmodifiableMap(byName);
    }

    /** The subcommands' names, and {@code help}. */
    static Set<String> names() {
        Set<String> names = new LinkedHashSet<>(BY_NAME.keySet());
        names.add("help");
        return Collections.unmodifiableSet(names);
    }

    /** Every subcommand: what --help, `help`, a misspelt name's suggestions and the tests see. */
    static void register(CommandLine cl) {
        BY_NAME.values().forEach(r -> r.accept(cl));
        check(cl);
    }

    /**
     * Only the subcommand {@code args} start with, when they start with one; otherwise every subcommand. Parsing,
     * errors and the subcommand's own help read the same either way: they never look at the other commands.
     */
    static void registerFor(CommandLine cl, String... args) {
        Consumer<CommandLine> one = args.length > 0 ? BY_NAME.get(args[0]) : null;
        if (one == null) {
            register(cl);
        } else {
            one.accept(cl);
        }
    }

    /** The table's names are the commands' own: a renamed command must not fall back to the whole tree unnoticed. */
    private static void check(CommandLine cl) {
        for (String name : BY_NAME.keySet()) {
            if (!cl.getSubcommands().containsKey(name)) {
                throw new IllegalStateException("no subcommand named " + name);
            }
        }
    }
}
