package org.annexp2p.cli;

import org.annexp2p.cli.wormhole.WormholeCommand;
import picocli.CommandLine;

/** The subcommands, in the order --help lists them. */
final class Commands {
    private Commands() {}

    static void register(CommandLine cl) {
        cl.addSubcommand(new DemoCommand());
        cl.addSubcommand(new GetCommand());
        cl.addSubcommand(new PutCommand());
        cl.addSubcommand(new CheckPresentCommand());
        cl.addSubcommand(new LockCommand());
        cl.addSubcommand(new RemoveCommand());
        cl.addSubcommand(new ServeCommand());
        cl.addSubcommand(new TokenCommand());
        cl.addSubcommand(new P2pCommand());
        cl.addSubcommand(new EnableTorCommand());
        cl.addSubcommand(new PairCommand());
        cl.getSubcommands().get("pair").addSubcommand("--lan", new org.annexp2p.cli.lan.LanPairCommand());
        cl.addSubcommand(new org.annexp2p.cli.lan.DoctorCommand());
        cl.addSubcommand(new ShellCommands.P2pStdio());
        cl.addSubcommand(new ShellCommands.ConfigList());
        cl.addSubcommand(new WormholeCommand());
    }
}
