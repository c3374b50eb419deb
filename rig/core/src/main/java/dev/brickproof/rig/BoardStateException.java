package dev.brickproof.rig;

/** A board could not be brought into, or is not in, the state an action needs. */
public class BoardStateException extends RigException {
    private static final long serialVersionUID = 1L;

    public BoardStateException(String message) {
        super(message);
    }

    public BoardStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
