package dev.brickproof.rig.resource;

import java.util.Objects;

/**
 * A relay that switches a board's supply.
 *
 * @param coil     the GPIO line driving the relay module; asserted = coil energised
 * @param wiring   which relay contact carries the supply
 * @param safeOn   the declared safe state: true leaves the board powered when the rig closes
 */
public record PowerRelay(GpioLine coil, Wiring wiring, boolean safeOn) {

    /** Which contact the board's supply is wired through. */
    public enum Wiring {
        /** Normally open: the board is powered while the coil is energised. */
        NORMALLY_OPEN,
        /** Normally closed: the board is powered while the coil is de-energised (fail-safe "on"). */
        NORMALLY_CLOSED
    }

    public PowerRelay {
        Objects.requireNonNull(coil, "coil");
        Objects.requireNonNull(wiring, "wiring");
    }

    /** Whether the coil must be energised for the board to be powered ({@code on}) or not. */
    public boolean coilEnergisedFor(boolean on) {
        return wiring == Wiring.NORMALLY_OPEN ? on : !on;
    }

    /** Whether the board is powered when the coil is (or is not) energised. */
    public boolean poweredWhenCoil(boolean energised) {
        return wiring == Wiring.NORMALLY_OPEN ? energised : !energised;
    }
}
