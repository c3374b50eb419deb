package dev.brickproof.rig.emulated;

import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.driver.SimulatedBoardConnection;
import dev.brickproof.rig.driver.SimulatedBoardProvider;
import dev.brickproof.rig.driver.gpio.SimulatedGpio;
import dev.brickproof.rig.resource.BoardResource;

/** The Brickproof emulator as the rig's simulated boards: registered in META-INF/services. */
public final class EmulatorBoardProvider implements SimulatedBoardProvider {

    @Override
    public SimulatedBoardConnection open(BoardResource resource, RigOptions options, SimulatedGpio gpio) {
        EmulatedBoardHost host = options.lockstep() ? EmulatedBoardHost.lockstep(resource)
                : EmulatedBoardHost.realTime(resource, options.portDirectory());
        try {
            host.wire(gpio);
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        return host;
    }
}
