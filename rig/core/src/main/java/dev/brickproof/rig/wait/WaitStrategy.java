package dev.brickproof.rig.wait;

import java.time.Duration;

/** A swappable readiness check, like Testcontainers' {@code WaitStrategy}. */
public interface WaitStrategy {

    /** Blocks until ready or throws {@link dev.brickproof.rig.RigTimeoutException}. */
    void waitUntilReady(WaitTarget target);

    WaitStrategy withTimeout(Duration timeout);

    Duration timeout();
}
