package dev.brickproof.rig.protocol;

import dev.brickproof.rig.ProtocolException;

/** The device kept refusing what we sent (NACK/NAK beyond the retry limit, refused command). */
public class DeviceRejectedException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public DeviceRejectedException(String message) {
        super(message);
    }
}
