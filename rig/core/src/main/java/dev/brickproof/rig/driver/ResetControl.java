package dev.brickproof.rig.driver;

/** Drives a board's NRST line. */
public interface ResetControl extends AutoCloseable {

    /** Holds the board in reset until {@link #release()}. */
    void hold();

    void release();

    /** Holds reset for the configured pulse time, then releases it and waits the configured settle time. */
    void pulse();

    /** Releases reset (the safe state). */
    @Override
    void close();
}
