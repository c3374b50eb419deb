package dev.brickproof.rig.wait;

import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.time.VirtualClock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits in virtual time: advances the board until the condition holds or the virtual deadline passes. */
public final class LockstepWaiter implements Waiter {
    private final VirtualClock clock;
    private final String name;
    private final BooleanSupplier disconnected;
    private final Supplier<String> lastOutput;

    public LockstepWaiter(VirtualClock clock, String name, BooleanSupplier disconnected, Supplier<String> lastOutput) {
        this.clock = clock;
        this.name = name;
        this.disconnected = disconnected;
        this.lastOutput = lastOutput;
    }

    @Override
    public void until(String awaited, BooleanSupplier condition, Duration timeout) {
        boolean held = clock.advanceUntil(() -> disconnected.getAsBoolean() || condition.getAsBoolean(), timeout);
        if (disconnected.getAsBoolean()) {
            throw new LinkException("the wire to " + name + " is gone while waiting for " + awaited);
        }
        if (!held) {
            throw new RigTimeoutException(awaited + " on " + name + " (virtual time)", timeout, lastOutput.get());
        }
    }
}
