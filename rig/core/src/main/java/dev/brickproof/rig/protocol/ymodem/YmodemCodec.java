package dev.brickproof.rig.protocol.ymodem;

import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.FrameTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * YMODEM-1K framing, pure: bytes in, packets out; no I/O, no clocks.
 *
 * <pre>SOH|STX  n  255-n  data(128|1024)  crc_hi crc_lo</pre>
 * CRC-16/XMODEM over the data only. Block 0 carries {@code name NUL decimal-size}, NUL padded; data blocks
 * are padded with 0x1A.
 */
public final class YmodemCodec {
    public static final int SOH = 0x01;
    public static final int STX = 0x02;
    public static final int EOT = 0x04;
    public static final int ACK = 0x06;
    public static final int NAK = 0x15;
    public static final int CAN = 0x18;
    public static final int CRC_REQUEST = 'C';
    public static final int PAD = 0x1A;

    private YmodemCodec() {
    }

    /** Encodes one block: {@code length} bytes from {@code data}, padded to {@code blockSize} (128 or 1024). */
    public static byte[] encodeBlock(int number, byte[] data, int offset, int length, int blockSize, int pad) {
        if (blockSize != 128 && blockSize != 1024) {
            throw new IllegalArgumentException("block size must be 128 or 1024, not " + blockSize);
        }
        if (length > blockSize) {
            throw new IllegalArgumentException(length + " bytes do not fit a " + blockSize + "-byte block");
        }
        byte[] packet = new byte[blockSize + 5];
        packet[0] = (byte) (blockSize == 1024 ? STX : SOH);
        packet[1] = (byte) number;
        packet[2] = (byte) (0xFF - (number & 0xFF));
        System.arraycopy(data, offset, packet, 3, length);
        Arrays.fill(packet, 3 + length, 3 + blockSize, (byte) pad);
        int crc = Crc16Xmodem.of(packet, 3, blockSize);
        packet[3 + blockSize] = (byte) (crc >> 8);
        packet[4 + blockSize] = (byte) crc;
        return packet;
    }

    /** Block 0 for a file: 128 bytes when name and size fit, else 1024. */
    public static byte[] encodeHeader(String name, long size) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] sizeBytes = Long.toString(size).getBytes(StandardCharsets.US_ASCII);
        int needed = nameBytes.length + 1 + sizeBytes.length + 1;
        if (name.isEmpty() || name.indexOf('\0') >= 0 || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("a YMODEM file name must be non-empty, without NUL or '/': " + name);
        }
        if (needed > 1024) {
            throw new IllegalArgumentException("file name too long for block 0: " + nameBytes.length + " bytes");
        }
        byte[] body = new byte[needed];
        System.arraycopy(nameBytes, 0, body, 0, nameBytes.length);
        System.arraycopy(sizeBytes, 0, body, nameBytes.length + 1, sizeBytes.length);
        return encodeBlock(0, body, 0, needed, needed <= 128 ? 128 : 1024, 0);
    }

    /** The empty block 0 that ends a batch. */
    public static byte[] encodeEndOfBatch() {
        return encodeBlock(0, new byte[0], 0, 0, 128, 0);
    }

    /**
     * Parses the data of block 0: name, NUL, decimal size (optional). Throws nothing else for any bytes.
     *
     * @throws FrameCorruptedException no NUL after the file name
     * @throws FrameTooLargeException  a size of more than 18 digits
     */
    public static YmodemHeader parseHeader(byte[] data) {
        int nul = indexOf(data, 0, 0);
        if (nul < 0) {
            throw new FrameCorruptedException("block 0 has no NUL after the file name", data.length);
        }
        String name = new String(data, 0, nul, StandardCharsets.UTF_8);
        if (name.isEmpty()) {
            return new YmodemHeader("", -1);
        }
        int start = nul + 1;
        int end = start;
        while (end < data.length && data[end] >= '0' && data[end] <= '9') {
            end++;
        }
        if (end == start) {
            return new YmodemHeader(name, -1);
        }
        if (end - start > 18) {
            throw new FrameTooLargeException("block 0 announces an absurd size ("
                    + new String(data, start, end - start, StandardCharsets.US_ASCII) + ")", data.length);
        }
        return new YmodemHeader(name, Long.parseLong(new String(data, start, end - start, StandardCharsets.US_ASCII)));
    }

    private static int indexOf(byte[] data, int from, int value) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** What {@link #decode} found at the start of the input. */
    public sealed interface Decoded permits NeedMore, Packet, Control {
        /** Input bytes this result accounts for (0 for {@link NeedMore}). */
        int consumed();
    }

    /** Not enough bytes yet; nothing consumed. */
    public record NeedMore(int atLeast) implements Decoded {
        @Override
        public int consumed() {
            return 0;
        }
    }

    /** A complete, valid block. */
    public record Packet(int number, byte[] data, int consumed) implements Decoded {
    }

    /** A single control byte (EOT, CAN, ACK, NAK, 'C'). */
    public record Control(int value, int consumed) implements Decoded {
    }

    /**
     * Decodes the first item of {@code input[offset, offset+length)}.
     *
     * @throws FrameCorruptedException on a bad complement, bad CRC or a byte that starts nothing;
     *                                 {@link FrameCorruptedException#skip()} says how much to drop. Nothing
     *                                 else for any bytes (fuzzed in {@code rig/fuzz})
     */
    public static Decoded decode(byte[] input, int offset, int length) {
        if (length == 0) {
            return new NeedMore(1);
        }
        int first = input[offset] & 0xFF;
        switch (first) {
            case SOH, STX -> {
                int size = first == STX ? 1024 : 128;
                int total = size + 5;
                if (length < 3) {
                    return new NeedMore(total);
                }
                int number = input[offset + 1] & 0xFF;
                int complement = input[offset + 2] & 0xFF;
                if ((number ^ complement) != 0xFF) {
                    throw new FrameCorruptedException(String.format(
                            "block number %d and complement %d do not match", number, complement), 1);
                }
                if (length < total) {
                    return new NeedMore(total);
                }
                int crc = ((input[offset + 3 + size] & 0xFF) << 8) | (input[offset + 4 + size] & 0xFF);
                int actual = Crc16Xmodem.of(input, offset + 3, size);
                if (crc != actual) {
                    throw new FrameCorruptedException(String.format(
                            "block %d: CRC 0x%04X sent, 0x%04X computed", number, crc, actual), total);
                }
                return new Packet(number, Arrays.copyOfRange(input, offset + 3, offset + 3 + size), total);
            }
            case EOT, CAN, ACK, NAK, CRC_REQUEST -> {
                return new Control(first, 1);
            }
            default -> throw new FrameCorruptedException(String.format("unexpected byte 0x%02X", first), 1);
        }
    }
}
