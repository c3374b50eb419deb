package dev.brickproof.rig.driver.gpio;

import dev.brickproof.rig.resource.GpioLine;

/** One claimed GPIO output, in signal terms (asserted or not); the line's active-low flag is applied below. */
public interface GpioOutput {

    GpioLine line();

    /** Asserts or de-asserts the signal. */
    void set(boolean asserted);

    boolean isAsserted();

    /** The declared safe state of this signal. */
    boolean safeAsserted();

    /** Returns the line to its declared safe state. */
    default void toSafeState() {
        set(safeAsserted());
    }
}
