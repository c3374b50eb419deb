package dev.brickproof.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One edit a hurried user makes to a YAML file: a line deleted or doubled, a value replaced by something odd
 * ({@code ~}, empty, a list, an alias, a huge number), an empty list item, shifted indentation, an unknown
 * key, a stray character. {@code line} and {@code value} are reduced modulo the file and the token list.
 */
record YamlMutation(int kind, int line, int value) {
    static final int KINDS = 8;
    static final List<String> TOKENS = List.of("~", "", "null", "[]", "{}", "[~]", "{transfer: }", "-1", "0", "0x",
            "0xFFFFFFFFF", "\"\"", "'", "\"", "&a 1", "*a", "!!binary AAAA", "true", "1e309",
            "99999999999999999999", "-5s", "0ms", "0s", "10 MB", "PZ99", "high", "emulated", "STM32F103C8",
            "STM32L431RC", "in-place", "key-at-reset", "../firmware/bin/f103-d1-app-v1.0.yaml",
            "../firmware/bin/missing.yaml", "/", "a\tb", "\"0x08000001\"", "[\"0x08003000\", \"0x08002000\"]",
            "[\"0x08003000\"]", "{a: 1}", "- x", "? x", "|", ">", "%YAML 1.2", "---", "...", "!!int x", "[", "{",
            "\"\\u0000\"", "\"0000\"", "\"zz\"", "(unclosed", "^v(\\d+)$", "\"^brickproof D1 app v(\\d+)\\.(\\d+)\"");

    String applyTo(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.isEmpty()) {
            return text;
        }
        int at = Math.floorMod(line, lines.size());
        String l = lines.get(at);
        String token = TOKENS.get(Math.floorMod(value, TOKENS.size()));
        switch (kind) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, l);
            case 2 -> { // replace the value of "key: value" (or the whole item of "- value")
                int colon = l.indexOf(": ");
                if (colon >= 0) {
                    lines.set(at, l.substring(0, colon + 2) + token);
                } else if (l.trim().endsWith(":")) {
                    lines.set(at, l + " " + token);
                } else if (l.trim().startsWith("- ")) {
                    lines.set(at, l.substring(0, l.indexOf('-') + 2) + token);
                } else {
                    lines.set(at, l + token);
                }
            }
            case 3 -> lines.set(at, indent(l) + (value % 2 == 0 ? "-" : "- ")); // an empty list item
            case 4 -> lines.set(at, value % 2 == 0 ? "  " + l : l.replaceFirst("^ {1,2}", ""));
            case 5 -> lines.add(at, indent(l) + "unknownKey" + value % 3 + ": " + token);
            case 6 -> {
                byte[] b = l.getBytes(StandardCharsets.UTF_8);
                Mutation m = new Mutation(value % Mutation.KINDS, value * 31, value);
                lines.set(at, new String(m.applyTo(b), StandardCharsets.ISO_8859_1));
            }
            default -> {
                return String.join("\n", lines.subList(0, at));
            }
        }
        return String.join("\n", lines);
    }

    private static String indent(String l) {
        int n = 0;
        while (n < l.length() && l.charAt(n) == ' ') {
            n++;
        }
        return l.substring(0, n);
    }

    static String applyAll(String text, List<YamlMutation> mutations) {
        String out = text;
        for (YamlMutation m : mutations) {
            out = m.applyTo(out);
        }
        return out;
    }
}
