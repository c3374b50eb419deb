package dev.brickproof.rig.protocol.tobudos.patch;

import dev.brickproof.rig.ProtocolException;

/** A patch that cannot be applied: built for another old image, truncated, or structurally wrong. */
public class PatchRejectedException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public PatchRejectedException(String message) {
        super(message);
    }
}
