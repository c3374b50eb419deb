package dev.brickproof.rig.update;

import dev.brickproof.rig.RigException;

/** Thrown by a progress listener to abandon a transfer on purpose (the scenario just cut the power). */
public final class TransferStopped extends RigException {
    private static final long serialVersionUID = 1L;

    public TransferStopped(String why) {
        super(why);
    }
}
