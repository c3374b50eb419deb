package dev.brickproof.rig.wait;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/** Factory of wait strategies: {@code Wait.forConsoleLine("App v2").withTimeout(Duration.ofSeconds(5))}. */
public final class Wait {
    /** Used when a wait is not given its own timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private Wait() { }

    public static ConsoleLineWait forConsoleLine(String regex) {
        return new ConsoleLineWait(Pattern.compile(regex), DEFAULT_TIMEOUT);
    }

    public static ConsoleLineWait forConsoleLine(Pattern regex) {
        return new ConsoleLineWait(regex, DEFAULT_TIMEOUT);
    }

    /** Ready when {@code condition} holds (e.g. an LED output of an emulated board). */
    public static WaitStrategy forCondition(String description, BooleanSupplier condition) {
        return new ConditionWait(description, condition, DEFAULT_TIMEOUT);
    }

    private record ConditionWait(String description, BooleanSupplier condition, Duration timeout) implements WaitStrategy {
        @Override
        public void waitUntilReady(WaitTarget target) {
            target.waiter().until(description, condition, timeout);
        }

        @Override
        public WaitStrategy withTimeout(Duration newTimeout) {
            return new ConditionWait(description, condition, newTimeout);
        }
    }
}
