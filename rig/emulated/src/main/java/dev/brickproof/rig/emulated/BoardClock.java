package dev.brickproof.rig.emulated;

import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.rig.time.VirtualClock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A lockstep board's virtual time: pausing runs the board, waiting runs it until the condition holds. */
public final class BoardClock implements VirtualClock {
    private final EmulatedBoard board;

    public BoardClock(EmulatedBoard board) {
        this.board = board;
    }

    @Override
    public Duration now() {
        return board.now();
    }

    @Override
    public void pause(Duration duration) {
        if (!duration.isZero() && !duration.isNegative()) {
            board.runFor(duration);
        }
    }

    @Override
    public boolean advanceUntil(BooleanSupplier condition, Duration timeout) {
        if (condition.getAsBoolean()) {
            return true;
        }
        return board.runUntil(condition, timeout);
    }
}
