package dev.brickproof.rig;

/** The device answered, but not as the protocol requires (NAK, CAN, bad checksum, wrong ID, ...). */
public class ProtocolException extends RigException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
