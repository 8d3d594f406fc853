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
 * The subcommands, in the order --help lists them. picocli reflects over a command's options when it is added;
 * for all of them that took about 0.1 s of every start (`put` with a bad key: 0.45 s, 0.34 s with only `put`
 * added), so a run that names its subcommand first adds only that one (see {@link #registerFor}).
 */
final class Commands {
    private Commands() {}

    private static final Map<String, Consumer<CommandLine>> BY_NAME = new LinkedHashMap<>();

    static {
        add("demo", cl -> cl.addSubcommand(new DemoCommand()));
        add("get", cl -> cl.addSubcommand(new GetCommand()));
        add("put", cl -> cl.addSubcommand(new PutCommand()));
        add("checkpresent", cl -> cl.addSubcommand(new CheckPresentCommand()));
        add("lock", cl -> cl.addSubcommand(new LockCommand()));
        add("remove", cl -> cl.addSubcommand(new RemoveCommand()));
        add("serve", cl -> cl.addSubcommand(new ServeCommand()));
        add("p2phttp", cl -> cl.addSubcommand(new P2pHttpCommand()));
        add("token", cl -> cl.addSubcommand(new TokenCommand()));
        add("p2p", cl -> cl.addSubcommand(new P2pCommand()));
        add("enable-tor", cl -> cl.addSubcommand(new EnableTorCommand()));
        add("pair", cl -> {
            cl.addSubcommand(new PairCommand());
            cl.getSubcommands().get("pair").addSubcommand("--lan", new LanPairCommand());
        });
        add("doctor", cl -> cl.addSubcommand(new DoctorCommand()));
        add("p2pstdio", cl -> cl.addSubcommand(new ShellCommands.P2pStdio()));
        add("configlist", cl -> cl.addSubcommand(new ShellCommands.ConfigList()));
        add("wormhole", cl -> cl.addSubcommand(new WormholeCommand()));
        add("ui", cl -> cl.addSubcommand(new UiCommand()));
    }

    private static void add(String name, Consumer<CommandLine> registration) {
        BY_NAME.put(name, registration);
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
