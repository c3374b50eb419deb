package dev.brickproof.rig.driver.gpio;

import dev.brickproof.rig.driver.ResetControl;
import dev.brickproof.rig.time.RigClock;
import java.time.Duration;

/** NRST on a GPIO line (through an open-drain buffer or transistor; asserted = held in reset). */
public final class GpioResetControl implements ResetControl {
    private final GpioOutput nrst;
    private final RigClock clock;
    private final Duration pulse;
    private final Duration settle;

    public GpioResetControl(GpioOutput nrst, RigClock clock, Duration pulse, Duration settle) {
        this.nrst = nrst;
        this.clock = clock;
        this.pulse = pulse;
        this.settle = settle;
    }

    @Override
    public void hold() {
        nrst.set(true);
    }

    @Override
    public void release() {
        nrst.set(false);
    }

    @Override
    public void pulse() {
        hold();
        clock.pause(pulse);
        release();
        clock.pause(settle);
    }

    @Override
    public void close() {
        release();
    }
}
