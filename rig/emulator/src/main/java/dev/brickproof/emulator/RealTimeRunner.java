package dev.brickproof.emulator;

import java.time.Duration;
import java.util.function.Function;

/**
 * Runs a board on its own thread, paced so that virtual time follows wall-clock time. While it runs, only
 * the runner touches the board: other threads use {@link #call} (executed between instruction slices) and
 * the board's {@link Uart#send} (thread-safe). Idle boards (WFI, polling loops) sleep on the host instead of
 * spinning.
 */
public interface RealTimeRunner extends AutoCloseable {

    static RealTimeRunner start(EmulatedBoard board, String threadName) {
        return BoardFactory.startRealTime(board, threadName);
    }

    EmulatedBoard board();

    /** Runs {@code action} on the board's thread between slices and returns its result. */
    <T> T call(Function<EmulatedBoard, T> action);

    /** Host-thread CPU time the runner has used so far (for the idle-cost benchmark). */
    Duration cpuTimeUsed();

    /** Stops the thread; the board keeps its state and can be used in lockstep again. */
    @Override
    void close();
}
