package dev.brickproof.rig.update;

import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.config.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The steps of a text-command loader's update, one a line ({@code firmware.options.script}); blank lines and
 * lines starting with {@code #} are skipped. Texts and regexes may use the placeholders of {@link ImageFacts}.
 * <pre>
 * send TEXT                                 TEXT as is; \r \n \t \\ are escapes
 * expect REGEX [within DURATION]            a console line matching REGEX (default wait: the boot timeout)
 * chunks SIZE [ack REGEX] [within DURATION] [pace DURATION]
 *                                           the image in SIZE-byte pieces, each followed by a line matching
 *                                           REGEX (waited for up to DURATION) or by a PACE of silence
 * pause DURATION                            let time pass
 * key press | key release                   the update key
 * reset                                     a reset pulse
 * </pre>
 */
record UpdateScript(List<Step> steps) {
    private static final Pattern WITHIN = Pattern.compile("^(.*?)\\s+within\\s+(\\S+)\\s*$");
    private static final Pattern PACE = Pattern.compile("^(.*?)\\s+pace\\s+(\\S+)\\s*$");

    /** One step; {@code line} is its line number in the script, for messages. */
    sealed interface Step permits Send, Expect, Chunks, Pause, Key, Reset {
        int line();
    }

    record Send(int line, String text) implements Step { }

    record Expect(int line, String regex, Optional<Duration> within) implements Step { }

    record Chunks(int line, int size, Optional<String> ack, Optional<Duration> within, Duration pace) implements Step { }

    record Pause(int line, Duration duration) implements Step { }

    record Key(int line, boolean press) implements Step { }

    record Reset(int line) implements Step { }

    static UpdateScript parse(String text, String source) {
        String key = "firmware.options.script";
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String at = key + " line " + n;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] verbAndRest = line.split("\\s+", 2);
            String rest = verbAndRest.length > 1 ? verbAndRest[1] : "";
            steps.add(switch (verbAndRest[0]) {
                case "send" -> {
                    ImageFacts.check(rest, source, at);
                    yield new Send(n, unescape(lines[i].stripLeading().substring(4).replaceFirst("^ ", "")));
                }
                case "expect" -> {
                    Matcher w = WITHIN.matcher(rest);
                    Optional<Duration> within = w.matches() ? Optional.of(duration(w.group(2), source, at)) : Optional.empty();
                    String regex = w.matches() ? w.group(1) : rest;
                    yield new Expect(n, regex(regex, source, at), within);
                }
                case "chunks" -> chunks(n, rest, source, at);
                case "pause" -> new Pause(n, duration(rest, source, at));
                case "key" -> switch (rest) {
                    case "press" -> new Key(n, true);
                    case "release" -> new Key(n, false);
                    default -> throw new RigConfigurationException(source, at, "'key " + rest + "' is not a step",
                            "write 'key press' or 'key release'");
                };
                case "reset" -> new Reset(n);
                default -> throw new RigConfigurationException(source, at, "'" + verbAndRest[0] + "' is not a step",
                        "start each line with send, expect, chunks, pause, key or reset");
            });
        }
        if (steps.stream().noneMatch(s -> s instanceof Chunks)) {
            throw new RigConfigurationException(source, key, "the script never sends the image",
                    "add a step such as 'chunks 1024 ack ^OK within 2s'");
        }
        return new UpdateScript(List.copyOf(steps));
    }

    private static Chunks chunks(int n, String rest, String source, String at) {
        Duration pace = Duration.ZERO;
        Optional<Duration> within = Optional.empty();
        String left = rest;
        for (int k = 0; k < 2; k++) {
            Matcher p = PACE.matcher(left);
            if (p.matches()) {
                pace = duration(p.group(2), source, at);
                left = p.group(1);
            }
            Matcher w = WITHIN.matcher(left);
            if (w.matches()) {
                within = Optional.of(duration(w.group(2), source, at));
                left = w.group(1);
            }
        }
        String[] sizeAndAck = left.split("\\s+", 2);
        int size;
        try {
            size = Integer.decode(sizeAndAck[0]);
        } catch (NumberFormatException e) {
            throw new RigConfigurationException(source, at, "'" + sizeAndAck[0] + "' is not a chunk size",
                    "write e.g. 'chunks 1024 ack ^OK within 2s'");
        }
        if (size < 1) {
            throw new RigConfigurationException(source, at, "chunk size " + size + " is not positive", "write e.g. 1024");
        }
        Optional<String> ack = Optional.empty();
        if (sizeAndAck.length > 1) {
            if (!sizeAndAck[1].startsWith("ack ")) {
                throw new RigConfigurationException(source, at, "'" + sizeAndAck[1] + "' is not 'ack REGEX'",
                        "write e.g. 'chunks 1024 ack ^OK within 2s' or 'chunks 1024 pace 50ms'");
            }
            ack = Optional.of(regex(sizeAndAck[1].substring(4).strip(), source, at));
        }
        return new Chunks(n, size, ack, within, pace);
    }

    private static Duration duration(String text, String source, String at) {
        return DurationText.parse(text.strip()).orElseThrow(() -> new RigConfigurationException(source, at,
                "'" + text + "' is not a duration", "write a whole number and a unit: 500us, 250ms, 5s or 2m"));
    }

    /** Checks the regex with its placeholders filled by sample values. */
    private static String regex(String regex, String source, String at) {
        ImageFacts.check(regex, source, at);
        try {
            Pattern.compile(regex.replaceAll("\\$\\{[a-z0-9]+}", "0"));
        } catch (PatternSyntaxException e) {
            throw new RigConfigurationException(source, at, "'" + regex + "' is not a regular expression ("
                    + e.getDescription() + ")", "escape special characters with a backslash");
        }
        return regex;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                out.append(switch (e) {
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
