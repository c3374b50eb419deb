package dev.brickproof.rig.link;

/** A transport that can notice that its port vanished (a USB unplug, a closed pty), for fail-fast waits. */
public interface Disconnectable {
    boolean isDisconnected();
}
