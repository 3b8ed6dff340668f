package dev.claudia.router.bootstrap.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code claudia install}: puts two small launchers on the PATH, {@code claudia} and
 * {@code claudia-claude} (= {@code claudia claude}), so Claude Code can run through the router from
 * any project directory. They call this checkout's {@code ./claudia}, which rebuilds when needed.
 */
public final class InstallCommand implements Callable<Integer> {

    static final CommandSpec SPEC = new CommandSpec("install",
            List.of("Install the claudia and claudia-claude launchers (default: into ~/.local/bin)."),
            CommandSpec.options(CommandSpec.valued("bin-dir", "DIR", "where to put the launchers (default: ~/.local/bin)")),
            true, false, line -> {
                InstallCommand command = new InstallCommand();
                command.binDir = CommandSpec.path(line, "bin-dir");
                return command;
            });

    Path binDir;

    @Override
    public Integer call() throws IOException {
        String home = System.getenv("CLAUDIA_HOME");
        if (home == null || !Files.isExecutable(Path.of(home, "claudia"))) {
            System.err.println("claudia install: run it through the ./claudia script of a checkout (CLAUDIA_HOME is not set)");
            return 2;
        }
        Path dir = binDir != null ? binDir : Path.of(System.getProperty("user.home"), ".local", "bin");
        Files.createDirectories(dir);
        Path launcher = Path.of(home, "claudia").toAbsolutePath().normalize();
        write(dir.resolve("claudia"), "exec \"" + launcher + "\" \"$@\"");
        write(dir.resolve("claudia-claude"), "exec \"" + launcher + "\" claude \"$@\"");
        System.out.println("installed " + dir.resolve("claudia") + " and " + dir.resolve("claudia-claude"));
        String path = System.getenv().getOrDefault("PATH", "");
        boolean onPath = false;
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
                onPath = true;
            }
        }
        if (!onPath) {
            System.out.println(dir + " is not on your PATH; add it, e.g.: echo 'export PATH=\"" + dir + ":$PATH\"' >> ~/.bashrc");
        }
        return 0;
    }

    private static void write(Path file, String command) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n# Installed by claudia install.\n" + command + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setExecutable(true);
        }
    }
}
