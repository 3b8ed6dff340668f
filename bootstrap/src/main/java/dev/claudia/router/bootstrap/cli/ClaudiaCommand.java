package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code claudia} command and its subcommands. */
@Command(name = "claudia", mixinStandardHelpOptions = true, versionProvider = ClaudiaCommand.VersionProvider.class,
        description = "Claudia Router: run Claude Code and the Anthropic SDKs on OpenAI-compatible models.",
        subcommands = {StartCommand.class, ClaudeCommand.class, CheckCommand.class, InstallCommand.class,
            CommandLine.HelpCommand.class})
public final class ClaudiaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new ClaudiaCommand());
        // Everything after claudia's own options goes to claude verbatim, options and prompt alike.
        line.getSubcommands().get("claude").setStopAtUnmatched(true).setStopAtPositional(true);
        return line;
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
