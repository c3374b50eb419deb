package dev.brickproof.rig.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The ranges rig file values must lie in. Upper bounds catch unit slips ({@code 5m} for {@code 5ms}) that would
 * otherwise hang a run for hours; lower bounds catch values that make a driver do nothing ({@code resetPulse: 0ms}
 * never resets, {@code bootTimeout: 0s} fails every boot only after the board was provisioned).
 */
final class RigLimits {
    static final Range RESET_PULSE = Range.positive(Duration.ofSeconds(10));
    static final Range RESET_SETTLE = Range.zeroOrMore(Duration.ofSeconds(10));
    static final Range POWER_OFF = Range.positive(Duration.ofMinutes(1));
    static final Range POWER_SETTLE = Range.zeroOrMore(Duration.ofMinutes(1));
    static final Range BOOT_TIMEOUT = Range.positive(Duration.ofMinutes(10));
    static final Range REAPPEAR_TIMEOUT = Range.positive(Duration.ofMinutes(5));
    static final Range PACING = Range.zeroOrMore(Duration.ofSeconds(10));

    /** Line offsets above this are not on any gpiochip a Pi or a USB GPIO expander has. */
    static final int MAX_GPIO_LINE = 511;

    /** Rates a USB serial adapter and Linux termios offer; anything else is most likely a typo (11520). */
    static final List<Integer> BAUD_RATES = List.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400,
            460800, 500000, 576000, 921600, 1000000, 1500000, 2000000, 3000000, 4000000);

    private RigLimits() { }

    /**
     * A duration range: above zero (or zero allowed) and at most {@code max}.
     *
     * @param zeroAllowed whether 0 means "no pause" (settle times, pacing) rather than a mistake
     */
    record Range(boolean zeroAllowed, Duration max) {
        static Range positive(Duration max) {
            return new Range(false, max);
        }

        static Range zeroOrMore(Duration max) {
            return new Range(true, max);
        }

        /** What is wrong with {@code d}, or empty when it is in range. */
        Optional<String> check(Duration d) {
            if (d.isZero() && !zeroAllowed) {
                return Optional.of("is zero, which would make this step do nothing or fail at once");
            }
            if (d.compareTo(max) > 0) {
                return Optional.of("is longer than the " + DurationText.format(max) + " this may take");
            }
            return Optional.empty();
        }

        String fix() {
            return "write a duration " + (zeroAllowed ? "from 0ms" : "above 0") + " up to " + DurationText.format(max)
                    + ", a whole number and a unit: 500us, 250ms, 5s or 2m";
        }
    }
}
