package dev.brickproof.rig.time;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Real time: {@link System#nanoTime()}; pauses park the calling thread. */
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
            LockSupport.parkNanos(left);
        }
    }
}
