package dev.brickproof.rig.protocol.tobudos;

/** CRC-8 as TencentOS-tiny's OTA uses it: poly 0x31, init 0, MSB first, no final XOR; check = 0xA2. */
public final class Crc8 {
    private Crc8() {
    }

    public static int of(byte[] data) {
        return update(0, data, 0, data.length);
    }

    /** Continues {@code crc} over {@code data[offset, offset+length)} (for chained computations). */
    public static int update(int crc, byte[] data, int offset, int length) {
        int c = crc & 0xFF;
        for (int i = offset; i < offset + length; i++) {
            c ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 0x80) != 0 ? ((c << 1) ^ 0x31) & 0xFF : (c << 1) & 0xFF;
            }
        }
        return c;
    }
}
