package org.annexp2p.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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

    /**
     * The names alone, as plain strings: routing an ssh connection's start needs only these, and building the table
     * would load picocli's largest class, which no class-data archive can hold, into every p2pstdio start.
     */
    private static final List<String> NAMES = List.of("demo", "get", "put", "checkpresent", "lock", "remove", "serve",
            "p2phttp", "token", "p2p", "enable-tor", "pair", "doctor", "p2pstdio", "configlist", "wormhole", "ui", "shell-server");

    /** Built on first use, once, and never changed after: the table is a constant, not state. */
    private static final class Table {
        static final Map<String, Consumer<CommandLine>> BY_NAME = table();
    }

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
        byName.put("shell-server", cl -> cl.addSubcommand(new ShellServerCommand()));
        if (!List.copyOf(byName.keySet()).equals(NAMES)) {
            throw new IllegalStateException("the command table and its names differ: " + byName.keySet() + " " + NAMES);
        }
        return Collections.unmodifiableMap(byName);
    }

    /** The subcommands' names, and {@code help}. */
    static Set<String> names() {
        Set<String> names = new LinkedHashSet<>(NAMES);
        names.add("help");
        return Collections.unmodifiableSet(names);
    }

    /** Every subcommand: what --help, `help`, a misspelt name's suggestions and the tests see. */
    static void register(CommandLine cl) {
        Table.BY_NAME.values().forEach(r -> r.accept(cl));
        check(cl);
    }

    /**
     * Only the subcommand {@code args} start with, when they start with one; otherwise every subcommand. Parsing,
     * errors and the subcommand's own help read the same either way: they never look at the other commands.
     */
    static void registerFor(CommandLine cl, String... args) {
        Consumer<CommandLine> one = args.length > 0 ? Table.BY_NAME.get(args[0]) : null;
        if (one == null) {
            register(cl);
        } else {
            one.accept(cl);
        }
    }

    /** The table's names are the commands' own: a renamed command must not fall back to the whole tree unnoticed. */
    private static void check(CommandLine cl) {
        for (String name : Table.BY_NAME.keySet()) {
            if (!cl.getSubcommands().containsKey(name)) {
                throw new IllegalStateException("no subcommand named " + name);
            }
        }
    }
}
