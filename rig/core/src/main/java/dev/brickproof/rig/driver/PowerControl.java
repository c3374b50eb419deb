package dev.brickproof.rig.driver;

import java.time.Duration;

/** Switches a board's supply, e.g. through a relay on a Raspberry Pi GPIO line. */
public interface PowerControl extends AutoCloseable {

    void on();

    void off();

    boolean isOn();

    /** Off, wait {@code offTime}, on. */
    void cycle(Duration offTime);

    /** Returns the line to its declared safe state. */
    @Override
    void close();
}
