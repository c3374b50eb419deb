package dev.brickproof.rig;

/** A GPIO line could not be claimed or driven. A rig fault, not a product defect. */
public class GpioException extends RigException {
    private static final long serialVersionUID = 1L;

    public GpioException(String message) {
        super(message);
    }

    public GpioException(String message, Throwable cause) {
        super(message, cause);
    }
}
