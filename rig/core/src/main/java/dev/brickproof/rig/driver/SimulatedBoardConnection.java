package dev.brickproof.rig.driver;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.time.RigClock;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One simulated board as the rig sees it: its stimuli ({@link SimulatedBoard}), its flash read back, and how its
 * console is reached — through a serial port path that jSerialComm opens (real time), or an in-process link with
 * its own virtual clock (lockstep).
 */
public interface SimulatedBoardConnection extends SimulatedBoard, FlashReader, AutoCloseable {

    /** The in-process console link of a lockstep board; empty when the board is reached through {@link #serialPort()}. */
    Optional<ByteLink> directLink();

    /** The board's virtual clock in lockstep; empty in real time (wall clock). */
    Optional<RigClock> virtualClock();

    /** The serial port path of a real-time board (a pty behind a by-id style link). */
    Path serialPort();

    @Override
    void close();
}
