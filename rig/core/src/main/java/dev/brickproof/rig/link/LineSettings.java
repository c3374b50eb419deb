package dev.brickproof.rig.link;

/** Baud rate and framing of a serial line. */
public record LineSettings(int baudRate, Parity parity) {
    public enum Parity { NONE, EVEN }

    public static LineSettings of8N1(int baudRate) {
        return new LineSettings(baudRate, Parity.NONE);
    }

    /** The STM32 ROM bootloader's framing (AN3155): 8 data bits, even parity, 1 stop bit. */
    public static LineSettings of8E1(int baudRate) {
        return new LineSettings(baudRate, Parity.EVEN);
    }

    /** Bits on the wire per byte: start + 8 data + parity? + stop. */
    public int bitsPerByte() {
        return parity == Parity.NONE ? 10 : 11;
    }
}
