package dev.brickproof.rig;

import java.time.Duration;

/** A bounded wait ran out. The message names what was awaited, for how long, and the last transcript lines. */
public class RigTimeoutException extends RigException {
    private static final long serialVersionUID = 1L;
    private final String awaited;
    private final Duration waited;

    public RigTimeoutException(String awaited, Duration waited, String lastOutput) {
        super("timed out after " + waited.toMillis() + " ms waiting for " + awaited
                + (lastOutput == null || lastOutput.isBlank() ? "; the device said nothing"
                        : "; the device last said:\n" + lastOutput));
        this.awaited = awaited;
        this.waited = waited;
    }

    public String awaited() {
        return awaited;
    }

    public Duration waited() {
        return waited;
    }
}
