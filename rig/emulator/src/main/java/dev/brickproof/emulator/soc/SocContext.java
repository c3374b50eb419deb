package dev.brickproof.emulator.soc;

/**
 * What a peripheral model may ask of the system it sits in: the current virtual time, interrupt lines, resets.
 * The board implements it; unit tests use a small fake.
 */
public interface SocContext {

    /** Virtual time now, in picoseconds since the board object was created (exact to the instruction). */
    long nowPs();

    /** Drives an NVIC interrupt line (level). The board turns rising edges into pending interrupts. */
    void irq(int irqNumber, boolean level);

    /** Raises the NMI (e.g. an uncorrectable flash ECC error). */
    void nmi();

    /** A peripheral scheduled an event earlier than the board expected (or the core must stop): end the slice. */
    void reschedule();

    /** Flash or RAM that may hold code changed: the core must drop decoded instructions for that range. */
    void codeChanged(int address, int length);

    /** Requests a system reset with the given cause (watchdog expiry, option-byte reload). */
    void requestReset(ResetCause cause);

    /** True once a power cut or reset has been decided for the current instant: nothing may take effect. */
    default boolean frozen() {
        return false;
    }

    /** Records a forensic event for the run report (kind as in {@link dev.brickproof.emulator.RunReport.Event}). */
    void event(String kind, String detail);
}
