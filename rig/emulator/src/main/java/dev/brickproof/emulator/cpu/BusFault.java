package dev.brickproof.emulator.cpu;

/**
 * Thrown by a {@link Bus} when an access has no target or is refused. Cheap: no stack trace.
 * The core converts it to the architectural fault; it never reaches the harness.
 */
public final class BusFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int address;
    private final boolean write;

    public BusFault(int address, boolean write, String reason) {
        super(reason, null, false, false);
        this.address = address;
        this.write = write;
    }

    public int address() {
        return address;
    }

    public boolean isWrite() {
        return write;
    }
}
