package dev.brickproof.rig;

/**
 * Root of every error the rig raises. Messages say what went wrong and what to do about it.
 * Children: {@link RigTimeoutException}, {@link ProtocolException}, {@link RigConfigurationException},
 * {@link BoardStateException}, {@link LinkException}.
 */
public class RigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RigException(String message) {
        super(message);
    }

    public RigException(String message, Throwable cause) {
        super(message, cause);
    }
}
