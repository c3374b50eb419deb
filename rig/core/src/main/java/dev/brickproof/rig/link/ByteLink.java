package dev.brickproof.rig.link;

import dev.brickproof.rig.time.RigClock;
import java.time.Duration;

/**
 * A serial byte stream to a board: a jSerialComm port (hardware or an emulated board's pty), or an
 * in-process wire to a lockstep emulated board. Protocol clients are written against this only.
 *
 * <p>Implementations throw {@link dev.brickproof.rig.LinkException} when the transport fails (port
 * vanished, closed); a read that simply sees no data before its timeout returns 0.
 */
public interface ByteLink extends AutoCloseable {

    /** A name for messages, e.g. the port path. */
    String name();

    /** The clock this link's timeouts run on (virtual time for a lockstep board). */
    RigClock clock();

    void write(byte[] data, int offset, int length);

    default void write(byte[] data) {
        write(data, 0, data.length);
    }

    default void write(int oneByte) {
        write(new byte[] {(byte) oneByte}, 0, 1);
    }

    /**
     * Reads at most {@code length} bytes, waiting up to {@code timeout} for the first one.
     *
     * @return bytes read, 0 on timeout
     */
    int read(byte[] buffer, int offset, int length, Duration timeout);

    /** One byte, or -1 on timeout. */
    default int read(Duration timeout) {
        byte[] one = new byte[1];
        return read(one, 0, 1, timeout) == 1 ? one[0] & 0xFF : -1;
    }

    /** Drops anything received and not yet read. */
    void discardInput();

    /** Line settings; a pty ignores them, hardware needs 8E1 for the ROM bootloader. */
    void configure(LineSettings settings);

    @Override
    void close();
}
