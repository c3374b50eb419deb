package dev.brickproof.rig.update;

import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.config.DurationText;
import dev.brickproof.rig.resource.FirmwareProfile;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The options a protocol takes from the rig file's {@code firmware.options} map (strings as written), read
 * with typed accessors that turn a bad value into a configuration error naming the key and a fix.
 *
 * @param source where the options were written (the rig file), for error messages
 * @param values option name to text
 */
public record ProtocolOptions(String source, Map<String, String> values) {
    private static final String KEY = "firmware.options.";

    public ProtocolOptions {
        Objects.requireNonNull(source, "source");
        values = Map.copyOf(values);
    }

    /** No options: every accessor returns its default. */
    public static ProtocolOptions none() {
        return new ProtocolOptions("(no options)", Map.of());
    }

    /** The options of a board's firmware profile. */
    public static ProtocolOptions of(FirmwareProfile firmware) {
        return new ProtocolOptions("firmware section of design " + firmware.design(), firmware.protocolOptions());
    }

    /** The option as written, escapes kept (for options with their own syntax, such as a script). */
    public Optional<String> raw(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The option with {@code \r} and {@code \n} turned into line ends. */
    public Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name)).map(s -> s.replace("\\r", "\r").replace("\\n", "\n"));
    }

    public Duration duration(String name, Duration fallback) {
        return text(name).map(t -> DurationText.parse(t.trim()).orElseThrow(() -> bad(name, t,
                "a duration", "write a whole number and a unit: 500us, 250ms, 5s or 2m"))).orElse(fallback);
    }

    public int integer(String name, int fallback) {
        return text(name).map(t -> {
            try {
                return Integer.decode(t.trim());
            } catch (NumberFormatException e) {
                throw bad(name, t, "a whole number", "write e.g. 1024 or 0x400");
            }
        }).orElse(fallback);
    }

    public boolean flag(String name, boolean fallback) {
        return text(name).map(t -> switch (t.trim()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw bad(name, t, "true or false", "write true or false");
        }).orElse(fallback);
    }

    public Optional<Pattern> pattern(String name) {
        return text(name).map(t -> {
            try {
                return Pattern.compile(t);
            } catch (PatternSyntaxException e) {
                throw bad(name, t, "a regular expression (" + e.getDescription() + ")", "escape special characters");
            }
        });
    }

    private RigConfigurationException bad(String name, String text, String what, String fix) {
        return new RigConfigurationException(source, KEY + name, "'" + text + "' is not " + what, fix);
    }
}
