package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code claudia} command and its subcommands. */
@Command(name = "claudia", mixinStandardHelpOptions = true, versionProvider = ClaudiaCommand.VersionProvider.class,
        description = "Claudia Router: run Claude Code and the Anthropic SDKs on OpenAI-compatible models.",
        subcommands = {StartCommand.class, CommandLine.HelpCommand.class})
public final class ClaudiaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        return new CommandLine(new ClaudiaCommand());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"claudia " + Version.current()};
        }
    }
}
