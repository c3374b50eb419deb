package dev.brickproof.rig;

/** A rig file, board spec or firmware manifest is wrong. Names the file, the key and a fix. */
public class RigConfigurationException extends RigException {
    private static final long serialVersionUID = 1L;

    public RigConfigurationException(String file, String key, String problem, String fix) {
        super(file + ": " + key + ": " + problem + ". Fix: " + fix);
    }

    public RigConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
