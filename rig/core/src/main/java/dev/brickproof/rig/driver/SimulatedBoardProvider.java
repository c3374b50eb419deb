package dev.brickproof.rig.driver;

import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.driver.gpio.SimulatedGpio;
import dev.brickproof.rig.resource.BoardResource;

/**
 * Plugs simulated boards (rig-file {@code serial.port: emulated}) into a rig. Found with
 * {@link java.util.ServiceLoader}: the {@code brickproof-emulated} module provides the Brickproof emulator, so
 * the rig library itself runs on hardware without the emulator on the classpath.
 */
public interface SimulatedBoardProvider {

    /**
     * Creates the board described by {@code resource} and wires it to the rig's simulated GPIO lines
     * (reset, BOOT0, update key, power relay), in real time behind a serial port or in lockstep.
     */
    SimulatedBoardConnection open(BoardResource resource, RigOptions options, SimulatedGpio gpio);
}
