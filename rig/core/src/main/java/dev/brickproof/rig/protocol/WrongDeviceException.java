package dev.brickproof.rig.protocol;

import dev.brickproof.rig.ProtocolException;

/** The device identified itself as something other than the expected part (e.g. AN3155 Get ID). */
public class WrongDeviceException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public WrongDeviceException(String message) {
        super(message);
    }
}
