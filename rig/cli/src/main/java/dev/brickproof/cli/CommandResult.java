package dev.brickproof.cli;

import dev.brickproof.rig.ExitStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command found: its exit status, the lines a person reads and the fields a script reads with
 * {@code --json}.
 */
record CommandResult(ExitStatus status, List<String> lines, Map<String, Object> fields) {

    static Builder of(String command) {
        return new Builder(command);
    }

    static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final List<String> lines = new java.util.ArrayList<>();

        Builder(String command) {
            fields.put("command", command);
        }

        Builder field(String name, Object value) {
            fields.put(name, value);
            return this;
        }

        Builder line(String text) {
            lines.add(text);
            return this;
        }

        CommandResult build(ExitStatus status) {
            Map<String, Object> all = new LinkedHashMap<>(fields);
            all.put("status", status.name());
            all.put("exitCode", status.code());
            return new CommandResult(status, List.copyOf(lines), all);
        }
    }
}
