package dev.claudia.router.bootstrap;

import dev.claudia.router.bootstrap.cli.ClaudiaCommand;

/** {@code claudia}: the command-line entry point. See {@link ClaudiaCommand}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        StartupTrace.mark("main");
        System.exit(ClaudiaCommand.execute(args, System.out, System.err));
    }
}
