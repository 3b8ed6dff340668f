package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.Version;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The {@code claudia} command and its subcommands: {@code claudia [-hV] [COMMAND]}, where COMMAND
 * is one of {@link #COMMANDS} or {@code help [COMMAND]}. Usage errors print what is wrong and the
 * command's help on stderr and exit with 2; a command that throws prints its stack trace and exits
 * with 1; otherwise the exit code is the command's.
 */
public final class ClaudiaCommand {

    static final String DESCRIPTION = "Claudia Router: run Claude Code and the Anthropic SDKs on OpenAI-compatible models.";

    /** The subcommands, in the order the help lists them. */
    static final List<CommandSpec> COMMANDS = List.of(StartCommand.SPEC, ClaudeCommand.SPEC, CheckCommand.SPEC,
            InstallCommand.SPEC);

    private static final CommandSpec ROOT = new CommandSpec("", List.of(DESCRIPTION), new Options(), true, true,
            line -> () -> 0);

    /** What the arguments ask for: a command to run, or a text to print and an exit code. */
    sealed interface Outcome {
        record Run(Callable<Integer> command) implements Outcome {}

        record Print(String text, boolean error, int exitCode) implements Outcome {}
    }

    private ClaudiaCommand() {}

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        Outcome outcome = parse(args);
        if (outcome instanceof Outcome.Print print) {
            PrintStream to = print.error() ? err : out;
            to.print(print.text());
            to.flush();
            return print.exitCode();
        }
        try {
            return ((Outcome.Run) outcome).command().call();
        } catch (Exception e) {
            e.printStackTrace(err);
            return 1;
        }
    }

    static Outcome parse(String... args) {
        CommandLine root;
        try {
            root = parser().parse(ROOT.options(), args, true);
        } catch (ParseException e) {
            return usageError(message(e), rootUsage());
        }
        if (root.hasOption("help")) {
            return new Outcome.Print(rootUsage(), false, 0);
        }
        if (root.hasOption("version")) {
            return new Outcome.Print(version(), false, 0);
        }
        List<String> rest = root.getArgList();
        if (rest.isEmpty()) {
            return new Outcome.Print(rootUsage(), false, 0);
        }
        String name = rest.getFirst();
        int at = args.length - rest.size();
        if (name.startsWith("-")) {
            return usageError("Unknown option: '" + name + "'", rootUsage());
        }
        if (name.equals("help")) {
            return help(rest.subList(1, rest.size()));
        }
        CommandSpec spec = find(name);
        if (spec == null) {
            return usageError("Unmatched argument at index " + at + ": '" + name + "'", rootUsage());
        }
        return command(spec, rest.subList(1, rest.size()), at + 1);
    }

    private static Outcome command(CommandSpec spec, List<String> args, int firstIndex) {
        try {
            CommandLine line = parser().parse(spec.options(), args.toArray(String[]::new), spec.passUnknown());
            if (!spec.passUnknown() && !line.getArgList().isEmpty()) {
                List<String> extra = line.getArgList();
                int index = firstIndex + args.indexOf(extra.getFirst());
                throw new ParseException(extra.size() == 1
                        ? "Unmatched argument at index " + index + ": '" + extra.getFirst() + "'"
                        : "Unmatched arguments from index " + index + ": '" + String.join("', '", extra) + "'");
            }
            for (Option option : spec.options().getOptions()) {
                if (option.hasArg() && !CommandSpec.repeatable(option) && line.getOptionValues(option.getLongOpt()) != null
                        && line.getOptionValues(option.getLongOpt()).length > 1) {
                    throw new ParseException("option '--" + option.getLongOpt() + "' (" + option.getArgName()
                            + ") should be specified only once");
                }
            }
            if (spec.standardHelp() && line.hasOption("help") || line.hasOption("help-claudia")) {
                return new Outcome.Print(spec.usage(), false, 0);
            }
            if (spec.standardHelp() && line.hasOption("version")) {
                return new Outcome.Print(version(), false, 0);
            }
            return new Outcome.Run(spec.factory().create(line));
        } catch (ParseException e) {
            return usageError(message(e), spec.usage());
        }
    }

    private static Outcome help(List<String> args) {
        if (args.isEmpty()) {
            return new Outcome.Print(rootUsage(), false, 0);
        }
        CommandSpec spec = find(args.getFirst());
        return spec == null ? usageError("Unknown subcommand '" + args.getFirst() + "'.", rootUsage())
                : new Outcome.Print(spec.usage(), false, 0);
    }

    private static CommandSpec find(String name) {
        return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** Exact option names only: {@code --po} is not taken for {@code --port}, values are kept as given. */
    private static DefaultParser parser() {
        return DefaultParser.builder().setAllowPartialMatching(false).setStripLeadingAndTrailingQuotes(false).get();
    }

    private static String message(ParseException e) {
        if (e instanceof UnrecognizedOptionException unknown) {
            return "Unknown option: '" + unknown.getOption() + "'";
        }
        if (e instanceof MissingArgumentException missing) {
            return "Missing required parameter for option '--" + missing.getOption().getLongOpt() + "' ("
                    + missing.getOption().getArgName() + ")";
        }
        return e.getMessage();
    }

    private static Outcome usageError(String message, String usage) {
        return new Outcome.Print(message + "\n" + usage, true, 2);
    }

    private static String version() {
        return "claudia " + Version.current() + "\n";
    }

    private static String rootUsage() {
        // The list is appended rather than given as the formatter's footer, which would re-wrap it.
        StringBuilder text = new StringBuilder(CommandSpec.usage("claudia [-h] [-V] [COMMAND]", DESCRIPTION,
                ROOT.options(), "", false)).append("Commands:\n");
        for (CommandSpec command : COMMANDS) {
            text.append(String.format("  %-9s%s%n", command.name(), command.description().getFirst()));
        }
        return text.append(String.format("  %-9s%s%n", "help", "Display help information about the specified command."))
                .toString();
    }
}
