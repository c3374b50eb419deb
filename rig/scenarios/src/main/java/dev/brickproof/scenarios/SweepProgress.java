package dev.brickproof.scenarios;

import java.time.Duration;

/** Told after every judged cut (from worker threads: keep it short and thread-safe). */
@FunctionalInterface
public interface SweepProgress {
    SweepProgress NONE = (done, total, elapsed) -> { };

    void cutsDone(int done, int total, Duration elapsed);
}
