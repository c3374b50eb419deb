package dev.brickproof.emulator.rom;

import java.time.Duration;

/**
 * The STM32 system-memory USART bootloader (AN3155) as a byte-driven state machine. Active when a board
 * resets with BOOT0 high; the board feeds it the bytes arriving at USART1 RX and lets virtual time pass.
 *
 * <p>Contract used by the board (keep it): {@link #reset()} at every reset into system memory;
 * {@link #receive(int, Duration)} for every RX byte; {@link #advance(Duration)} whenever time passes, so
 * responses delayed by flash busy time go out when due; {@link #nextDue()} for idle fast-forward.
 */
public final class RomBootloader {
    private final RomTarget target;

    public RomBootloader(RomTarget target) {
        this.target = target;
    }

    public RomTarget target() {
        return target;
    }

    /** Back to waiting for the 0x7F autobaud byte. */
    public void reset() {
        throw new UnsupportedOperationException("ROM bootloader model not implemented yet");
    }

    /** One byte arrived on RX at virtual time {@code now}. */
    public void receive(int value, Duration now) {
        throw new UnsupportedOperationException("ROM bootloader model not implemented yet");
    }

    /** Virtual time is now {@code now}: send any response whose busy time has elapsed. */
    public void advance(Duration now) {
        throw new UnsupportedOperationException("ROM bootloader model not implemented yet");
    }

    /** When the next delayed response is due, or null when nothing is pending. */
    public Duration nextDue() {
        return null;
    }
}
