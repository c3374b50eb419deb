package dev.brickproof.rig.protocol.ymodem;

/**
 * Block 0 of a YMODEM file: name and decimal size; an empty name ends the batch.
 *
 * @param size announced length, -1 when absent
 */
public record YmodemHeader(String name, long size) {
    public boolean endOfBatch() {
        return name.isEmpty();
    }
}
