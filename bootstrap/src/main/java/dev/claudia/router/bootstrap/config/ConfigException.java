package dev.claudia.router.bootstrap.config;

import java.util.List;

/** config.json cannot be used; one line per problem, each naming the file, the JSON path and what is wrong. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        StringBuilder text = new StringBuilder("invalid configuration (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(p -> text.append("\n  - ").append(p));
        return text.toString();
    }
}
