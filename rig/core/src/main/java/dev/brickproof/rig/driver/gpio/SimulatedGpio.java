package dev.brickproof.rig.driver.gpio;

import dev.brickproof.rig.resource.GpioLine;

/**
 * Stimuli of GPIO lines that no real pin backs (Pi4J's mock provider): lets an emulated board observe the
 * electrical level the harness drives, without casting to provider types.
 */
public interface SimulatedGpio {

    /** Calls {@code listener} with the current level now and on every later change of {@code line}. */
    void watch(GpioLine line, LevelListener listener);

    /** Receives an electrical level: true = high. */
    @FunctionalInterface
    interface LevelListener {
        void level(boolean high);
    }
}
