package dev.brickproof.emulator.cpu;

/**
 * Told about every fault the core takes or meets.
 * Kinds: "hardfault", "busfault", "usagefault", "memmanage", "lockup", "nmi", "halted".
 */
@FunctionalInterface
public interface FaultListener {
    void fault(String kind, int pc, String detail);
}
