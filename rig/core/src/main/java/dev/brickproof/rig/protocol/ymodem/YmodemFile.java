package dev.brickproof.rig.protocol.ymodem;

import java.util.Objects;

/**
 * One file of a YMODEM batch.
 *
 * @param name         file name as sent in block 0 (no directory)
 * @param data         the content (for a received file: truncated to the announced size when there was one)
 * @param declaredSize size announced in block 0, or -1 when the header carried none
 */
public record YmodemFile(String name, byte[] data, long declaredSize) {
    public YmodemFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
    }

    public YmodemFile(String name, byte[] data) {
        this(name, data, data.length);
    }
}
