package dev.brickproof.rig.time;

import java.time.Duration;

/**
 * The time a rig runs on. Hardware and real-time emulated boards use wall-clock time; a lockstep emulated
 * board uses its virtual time, and {@link #pause} advances the board instead of sleeping.
 */
public interface RigClock {

    /** Monotonic time since an arbitrary origin. */
    Duration now();

    /** Lets {@code duration} pass (pacing between chunks, settle times). Not a way to wait for a condition. */
    void pause(Duration duration);

    default Deadline deadlineAfter(Duration budget, String awaited) {
        return new Deadline(this, now().plus(budget), budget, awaited);
    }
}
