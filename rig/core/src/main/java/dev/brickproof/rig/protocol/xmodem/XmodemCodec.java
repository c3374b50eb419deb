package dev.brickproof.rig.protocol.xmodem;

import dev.brickproof.rig.protocol.ymodem.Crc16Xmodem;
import java.util.Arrays;

/**
 * XMODEM blocks: {@code SOH|STX n 255-n data(128|1024) check}, the check being CRC-16/XMODEM (two bytes, big
 * endian) when the receiver started with 'C', or the 8-bit sum of the data when it started with NAK. Pure.
 */
public final class XmodemCodec {
    public static final int SOH = 0x01;
    public static final int STX = 0x02;
    public static final int EOT = 0x04;
    public static final int ACK = 0x06;
    public static final int NAK = 0x15;
    public static final int CAN = 0x18;
    public static final int CRC_REQUEST = 'C';
    /** CP/M end-of-file, the usual padding of the last block. */
    public static final int PAD = 0x1A;

    /** How blocks are checked; the receiver chooses with its first request. */
    public enum Check {
        CRC16(2), CHECKSUM(1);

        private final int bytes;

        Check(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }
    }

    private XmodemCodec() { }

    /** Block {@code number} (mod 256) holding {@code length} bytes of {@code data} from {@code offset}, padded. */
    public static byte[] encodeBlock(int number, byte[] data, int offset, int length, int blockSize, Check check) {
        if (blockSize != 128 && blockSize != 1024) {
            throw new IllegalArgumentException("block size must be 128 or 1024, not " + blockSize);
        }
        if (length > blockSize) {
            throw new IllegalArgumentException(length + " bytes do not fit a " + blockSize + "-byte block");
        }
        byte[] packet = new byte[3 + blockSize + check.bytes()];
        packet[0] = (byte) (blockSize == 1024 ? STX : SOH);
        packet[1] = (byte) number;
        packet[2] = (byte) (0xFF - (number & 0xFF));
        System.arraycopy(data, offset, packet, 3, length);
        Arrays.fill(packet, 3 + length, 3 + blockSize, (byte) PAD);
        if (check == Check.CRC16) {
            int crc = Crc16Xmodem.of(packet, 3, blockSize);
            packet[3 + blockSize] = (byte) (crc >> 8);
            packet[4 + blockSize] = (byte) crc;
        } else {
            int sum = 0;
            for (int i = 3; i < 3 + blockSize; i++) {
                sum += packet[i] & 0xFF;
            }
            packet[3 + blockSize] = (byte) sum;
        }
        return packet;
    }
}
