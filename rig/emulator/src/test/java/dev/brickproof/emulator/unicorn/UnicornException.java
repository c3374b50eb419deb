package dev.brickproof.emulator.unicorn;

/** A libunicorn call returned an error (or the library is missing). */
public final class UnicornException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int ucErr;

    UnicornException(String message, int ucErr) {
        super(message);
        this.ucErr = ucErr;
    }

    UnicornException(String message, Throwable cause) {
        super(message, cause);
        this.ucErr = -1;
    }

    /** The {@code uc_err} code, or -1 when the library could not be loaded. */
    public int ucErr() {
        return ucErr;
    }
}
