package dev.brickproof.rig.wait;

import dev.brickproof.rig.time.RigClock;
import dev.brickproof.rig.time.VirtualClock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs bounded waits for one board, on that board's clock: Awaitility in real time, lockstep advancing in
 * virtual time. Named after the board so that timeouts and thread dumps say whose wait it was.
 */
public interface Waiter {

    /**
     * Waits until {@code condition} holds.
     *
     * @param awaited what is waited for, for messages (becomes the Awaitility alias)
     * @throws dev.brickproof.rig.RigTimeoutException after {@code timeout}, with the last console lines
     * @throws dev.brickproof.rig.LinkException       at once when the port vanishes while waiting
     */
    void until(String awaited, BooleanSupplier condition, Duration timeout);

    /** The waiter that fits {@code clock}. */
    static Waiter on(RigClock clock, String name, BooleanSupplier disconnected, Supplier<String> lastOutput) {
        if (clock instanceof VirtualClock virtual) {
            return new LockstepWaiter(virtual, name, disconnected, lastOutput);
        }
        return new AwaitilityWaiter(name, disconnected, lastOutput);
    }
}
