package dev.brickproof.rig.time;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A clock whose time only passes when the rig advances it (a lockstep emulated board). Waits on such a clock
 * advance the board until the condition holds instead of polling in real time.
 */
public interface VirtualClock extends RigClock {

    /**
     * Advances time until {@code condition} holds or {@code timeout} of virtual time passed.
     *
     * @return true when the condition held
     */
    boolean advanceUntil(BooleanSupplier condition, Duration timeout);
}
