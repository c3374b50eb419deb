package dev.brickproof.rig;

/**
 * The run was interrupted (Ctrl-C / SIGINT): the driving thread stops at its next wait, GPIO write or console
 * read. Not a rig fault and not a product verdict; the run ends with exit status 130.
 */
public final class RunInterruptedException extends RigException {
    private static final long serialVersionUID = 1L;

    public RunInterruptedException(String what) {
        super("interrupted while " + what);
    }
}
