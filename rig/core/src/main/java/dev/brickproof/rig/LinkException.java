package dev.brickproof.rig;

/** The transport itself failed: port missing, vanished, or refused. A rig fault, not a product defect. */
public class LinkException extends RigException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }

    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
