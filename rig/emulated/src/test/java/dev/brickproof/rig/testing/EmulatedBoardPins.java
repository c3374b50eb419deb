package dev.brickproof.rig.testing;

import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.rig.driver.BootModeControl;
import dev.brickproof.rig.driver.ResetControl;
import dev.brickproof.rig.emulated.BoardClock;
import java.time.Duration;

/**
 * BOOT0, the update key on PA0 and NRST of a lockstep emulated board as rig drivers, for tests that drive the
 * fixture firmware with the rig's protocol clients. A reset pulse holds NRST for 2 ms of virtual time and lets
 * the board settle as long. {@link #close()} leaves the pins in the safe state (normal boot, key released,
 * reset released); subclasses that own more (a link) close it too.
 */
public class EmulatedBoardPins implements BootModeControl, ResetControl {
    /** NRST low time and settle time of {@link #pulse()}. */
    private static final Duration RESET_PULSE = Duration.ofMillis(2);

    private final EmulatedBoard pinned;
    private final BoardClock pinClock;

    protected EmulatedBoardPins(EmulatedBoard board, BoardClock clock) {
        this.pinned = board;
        this.pinClock = clock;
    }

    @Override
    public void selectRomBootloader() {
        pinned.setBoot0(true);
    }

    @Override
    public void pressUpdateKey() {
        pinned.setInput('A', 0, true);
    }

    @Override
    public void selectNormalBoot() {
        pinned.setBoot0(false);
        pinned.setInput('A', 0, false);
    }

    @Override
    public void hold() {
        pinned.setResetAsserted(true);
    }

    @Override
    public void release() {
        pinned.setResetAsserted(false);
    }

    @Override
    public void pulse() {
        hold();
        pinClock.pause(RESET_PULSE);
        release();
        pinClock.pause(RESET_PULSE);
    }

    @Override
    public void close() {
        selectNormalBoot();
        release();
    }
}
