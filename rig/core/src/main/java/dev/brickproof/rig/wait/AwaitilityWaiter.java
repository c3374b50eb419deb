package dev.brickproof.rig.wait;

import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.RigTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Real-time waits through an Awaitility {@link ConditionFactory} that this waiter owns (Awaitility's static
 * defaults are never touched: they are global and would leak between parallel boards). Fails fast when the
 * board's port vanishes.
 */
public final class AwaitilityWaiter implements Waiter {
    private static final Duration POLL = Duration.ofMillis(10);
    private final String name;
    private final BooleanSupplier disconnected;
    private final Supplier<String> lastOutput;

    public AwaitilityWaiter(String name, BooleanSupplier disconnected, Supplier<String> lastOutput) {
        this.name = name;
        this.disconnected = disconnected;
        this.lastOutput = lastOutput;
    }

    private ConditionFactory factory(String awaited, Duration timeout) {
        return Awaitility.with()
                .alias(name + ": " + awaited)
                .pollDelay(Duration.ZERO)
                .pollInterval(POLL)
                .pollInSameThread()
                .failFast("serial port of " + name + " vanished", disconnected::getAsBoolean)
                .atMost(timeout);
    }

    @Override
    public void until(String awaited, BooleanSupplier condition, Duration timeout) {
        try {
            factory(awaited, timeout).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new RigTimeoutException(awaited + " on " + name, timeout, lastOutput.get());
        } catch (TerminalFailureException e) {
            throw new LinkException("serial port of " + name + " vanished while waiting for " + awaited
                    + "; check the USB cable and the adapter's power", e);
        }
    }
}
