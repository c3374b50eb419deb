package dev.brickproof.rig.protocol.tobudos;

/** A flash region {@code [start, end)}. */
public record Partition(int start, int end) {
    public int size() {
        return end - start;
    }

    public boolean contains(int address) {
        return Integer.compareUnsigned(address, start) >= 0 && Integer.compareUnsigned(address, end) < 0;
    }

    @Override
    public String toString() {
        return String.format("[0x%08X, 0x%08X)", start, end);
    }
}
