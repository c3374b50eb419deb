package dev.brickproof.rig.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as rig files write them: a whole number and a unit, no space: {@code 500us}, {@code 250ms},
 * {@code 5s}, {@code 2m}. One format only, so that files read alike.
 */
public final class DurationText {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(us|ms|s|m)");

    private DurationText() { }

    /** The duration, or empty when {@code text} is not in the format. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "us" -> Duration.ofNanos(n * 1000);
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        });
    }

    /** Formats the way a rig file would write it. */
    public static String format(Duration d) {
        if (d.toNanos() % 1_000_000 != 0) {
            return d.toNanos() / 1000 + "us";
        }
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        if (d.getSeconds() % 60 != 0 || d.isZero()) {
            return d.getSeconds() + "s";
        }
        return d.toMinutes() + "m";
    }
}
