package dev.brickproof.rig.wait;

import dev.brickproof.rig.driver.ConsoleMatch;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/** Ready when a console line matches a regex. The match is kept for the caller (e.g. the banner's version). */
public final class ConsoleLineWait implements WaitStrategy {
    private final Pattern pattern;
    private final Duration timeout;
    private final AtomicReference<ConsoleMatch> match = new AtomicReference<>();

    ConsoleLineWait(Pattern pattern, Duration timeout) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public ConsoleLineWait withTimeout(Duration newTimeout) {
        return new ConsoleLineWait(pattern, newTimeout);
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    public Pattern pattern() {
        return pattern;
    }

    /**
     * The condition consumes console lines, so it is made idempotent: once a line matched it stays true
     * (a waiter may evaluate it again after it first held).
     */
    @Override
    public void waitUntilReady(WaitTarget target) {
        match.set(null);
        target.waiter().until("console line /" + pattern.pattern() + "/",
                () -> match.get() != null || target.console().poll(pattern).map(m -> {
                    match.set(m);
                    return true;
                }).orElse(false), timeout);
    }

    /** The matching line once {@link #waitUntilReady} returned. */
    public Optional<ConsoleMatch> match() {
        return Optional.ofNullable(match.get());
    }
}
