package dev.brickproof.rig.driver;

import java.util.List;

/**
 * A console line that matched an expectation.
 *
 * @param line   the whole line, without its line ending
 * @param groups the regex groups (group 1 first); missing groups are empty strings
 */
public record ConsoleMatch(String line, List<String> groups) {
    public ConsoleMatch {
        groups = List.copyOf(groups);
    }

    public String group(int n) {
        return n >= 1 && n <= groups.size() ? groups.get(n - 1) : "";
    }
}
