package dev.brickproof.rig.time;

import dev.brickproof.rig.RunInterruptedException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Real time: {@link System#nanoTime()}; pauses park the calling thread and end early on interruption. */
public final class WallClock implements RigClock {
    @Override
    public Duration now() {
        return Duration.ofNanos(System.nanoTime());
    }

    @Override
    public void pause(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            if (Thread.currentThread().isInterrupted()) {
                throw new RunInterruptedException("pausing " + duration.toMillis() + " ms");
            }
            LockSupport.parkNanos(left);
        }
    }
}
