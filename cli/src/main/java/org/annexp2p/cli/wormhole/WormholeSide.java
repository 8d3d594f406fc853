package org.annexp2p.cli.wormhole;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.annexp2p.cli.ErrorWords;
import org.annexp2p.wormhole.InvalidCodeException;
import org.annexp2p.wormhole.Wormhole;
import org.annexp2p.wormhole.WormholeException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * What {@code send} and {@code receive} share: the wormhole's options, the console, and how a failure ends — one line
 * on stderr, exit 2 for a code that cannot be used (the user's mistake), 1 for anything else.
 */
abstract class WormholeSide implements Callable<Integer> {

    @ParentCommand
    WormholeCommand parent;

    @Mixin
    SideOptions side;

    final Console console;
    private final String name;

    WormholeSide(String name, Console console) {
        this.name = name;
        this.console = console;
    }

    Console console() {
        return console;
    }

    /** The wormhole the options describe, generating or completing codes of {@code codeLength} words. */
    Wormhole wormhole(int codeLength) throws InvalidCodeException {
        return new Wormhole(parent.options(side.noListen, codeLength));
    }

    /** Sends or receives; what went wrong is thrown, and worded by {@link #call}. */
    abstract void transfer() throws WormholeException, IOException;

    @Override
    public final Integer call() {
        try {
            transfer();
            return 0;
        } catch (InvalidCodeException e) {
            console.say("annex-p2p wormhole " + name + ": " + ErrorWords.of(e));
            return 2;
        } catch (WormholeException | IOException e) {
            console.say("annex-p2p wormhole " + name + ": " + ErrorWords.of(e));
            return 1;
        }
    }
}
