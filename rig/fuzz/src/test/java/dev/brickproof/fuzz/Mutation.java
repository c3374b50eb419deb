package dev.brickproof.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * One byte-level change to an input: what a noisy line, a torn flash write or a confused peer does to bytes.
 * {@code position} and {@code value} are reduced modulo the input, so every mutation applies to every input.
 */
record Mutation(int kind, int position, int value) {
    static final int KINDS = 8;
    /** Bytes that mean something to one of the protocols (SOH STX EOT ACK NAK CAN, 0xFF 0x55, ROM ACK/NACK, ...). */
    private static final int[] MEANINGFUL = {0x00, 0x01, 0x02, 0x04, 0x06, 0x15, 0x18, 0x1A, 0x1F, 0x43, 0x55, 0x79,
        0x7F, 0x80, 0xFE, 0xFF, '0', '9', ' ', '\n'};
    private static final int[] WORDS = {0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF, 0x10000, 0x0800_0000};

    byte[] applyTo(byte[] input) {
        int n = input.length;
        int p = n == 0 ? 0 : Math.floorMod(position, n);
        switch (kind) {
            case 0 -> { // flip one bit
                return n == 0 ? input : with(input, p, input[p] ^ (1 << (value & 7)));
            }
            case 1 -> { // a meaningful byte
                return n == 0 ? input : with(input, p, MEANINGFUL[value % MEANINGFUL.length]);
            }
            case 2 -> { // any byte
                return n == 0 ? input : with(input, p, value);
            }
            case 3 -> { // insert a byte
                int at = Math.floorMod(position, n + 1);
                byte[] out = new byte[n + 1];
                System.arraycopy(input, 0, out, 0, at);
                out[at] = (byte) value;
                System.arraycopy(input, at, out, at + 1, n - at);
                return out;
            }
            case 4 -> { // drop a byte
                if (n == 0) {
                    return input;
                }
                byte[] out = new byte[n - 1];
                System.arraycopy(input, 0, out, 0, p);
                System.arraycopy(input, p + 1, out, p, n - p - 1);
                return out;
            }
            case 5 -> { // cut short
                return Arrays.copyOf(input, p);
            }
            case 6 -> { // repeat a stretch (a resend, a duplicated chunk)
                if (n == 0) {
                    return input;
                }
                int length = Math.min(n - p, 1 + value * 4);
                ByteArrayOutputStream out = new ByteArrayOutputStream(n + length);
                out.write(input, 0, p + length);
                out.write(input, p, n - p);
                return out.toByteArray();
            }
            default -> { // a 32-bit word that is a classic boundary, big- or little-endian
                if (n < 4) {
                    return input;
                }
                int at = Math.min(p, n - 4);
                int word = WORDS[(value >> 1) % WORDS.length];
                byte[] out = input.clone();
                for (int i = 0; i < 4; i++) {
                    int shift = (value & 1) == 0 ? 24 - 8 * i : 8 * i;
                    out[at + i] = (byte) (word >>> shift);
                }
                return out;
            }
        }
    }

    private static byte[] with(byte[] input, int at, int b) {
        byte[] out = input.clone();
        out[at] = (byte) b;
        return out;
    }

    static byte[] applyAll(byte[] seed, List<Mutation> mutations) {
        byte[] out = seed;
        for (Mutation m : mutations) {
            out = m.applyTo(out);
        }
        return out;
    }
}
