package dev.claudia.router.bootstrap.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One {@code claudia} subcommand: its name, help text and options, and how to make the command
 * from what was parsed. Options are Apache Commons CLI's, built by plain calls: its classes are
 * Java 8 bytecode, which the ahead-of-time cache holds, and nothing is read by reflection
 * (docs/performance.md says what picocli cost at every start).
 *
 * @param standardHelp  {@code -h/--help} and {@code -V/--version} are the command's too
 * @param passUnknown   parsing stops at the first argument that is not one of the options, which
 *                      and everything after it stay in {@link CommandLine#getArgList()} as given
 *                      ({@code claudia claude} hands them to Claude Code)
 */
record CommandSpec(String name, List<String> description, Options options, boolean standardHelp, boolean passUnknown,
                   Factory factory) {

    static final int WIDTH = 80;

    /** Makes the command from the parsed options; a value it cannot use is a {@link ParseException}. */
    @FunctionalInterface
    interface Factory {
        Callable<Integer> create(CommandLine line) throws ParseException;
    }

    CommandSpec {
        description = List.copyOf(description);
        if (standardHelp) {
            options.addOption(Option.builder("h").longOpt("help").desc("Show this help message and exit.").get());
            options.addOption(Option.builder("V").longOpt("version").desc("Print version information and exit.").get());
        }
    }

    /** An option that takes one value, {@code --name VALUE} or {@code --name=VALUE}. */
    static Option valued(String name, String label, String description) {
        return Option.builder().longOpt(name).hasArg().argName(label).desc(description).get();
    }

    /**
     * An option that takes one value each time it is given and may be given again ({@code --profile a
     * --profile b}); its values are {@link CommandLine#getOptionValues}. Its type says so: a list.
     */
    static Option repeatable(String name, String label, String description) {
        return Option.builder().longOpt(name).hasArg().argName(label).desc(description).type(List.class).get();
    }

    /** Whether {@code option} may be given more than once. */
    static boolean repeatable(Option option) {
        return option.getType() == List.class;
    }

    /** An option without a value, {@code --name}. */
    static Option flag(String name, String description) {
        return Option.builder().longOpt(name).desc(description).get();
    }

    static Options options(Option... options) {
        Options all = new Options();
        for (Option option : options) {
            all.addOption(option);
        }
        return all;
    }

    static Path path(CommandLine line, String name) {
        String value = line.getOptionValue(name);
        return value == null ? null : Path.of(value);
    }

    static Integer integer(CommandLine line, String name) throws ParseException {
        String value = line.getOptionValue(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new ParseException("Invalid value for option '--" + name + "': '" + value + "' is not an int");
        }
    }

    /** The help text: usage line, description, options. */
    String usage() {
        return usage("claudia " + name, String.join("\n", description), options, "", true);
    }

    static String usage(String syntax, String header, Options options, String footer, boolean autoUsage) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            HelpFormatter.builder().get().printHelp(out, WIDTH, syntax, header, options, 2, 3, footer, autoUsage);
        }
        return text.toString();
    }
}
