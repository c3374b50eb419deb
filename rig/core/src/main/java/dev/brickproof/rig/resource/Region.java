package dev.brickproof.rig.resource;

/** A flash region [start, end), absolute addresses. */
public record Region(String name, int start, int end) {
    public Region {
        if (Integer.compareUnsigned(end, start) <= 0) {
            throw new IllegalArgumentException("region " + name + " is empty or reversed: "
                    + hex(start) + ".." + hex(end));
        }
    }

    public int size() {
        return end - start;
    }

    public boolean contains(int address) {
        return Integer.compareUnsigned(address, start) >= 0 && Integer.compareUnsigned(address, end) < 0;
    }

    public static String hex(int address) {
        return String.format("0x%08X", address);
    }

    @Override
    public String toString() {
        return name + " [" + hex(start) + ", " + hex(end) + ")";
    }
}
