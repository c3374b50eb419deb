package dev.brickproof.rig.protocol.gizwits;

import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.FrameTooLargeException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Gizwits P0 framing, pure. {@code len} counts cmd through sum; {@code sum} is the 8-bit sum of every byte
 * from len_hi to the byte before sum; on the wire a 0x55 follows every 0xFF after the two header bytes.
 */
public final class GizwitsCodec {
    /** Default largest len accepted: a 256-byte piece plus headroom. */
    public static final int DEFAULT_MAX_LENGTH = 1024;
    private final int maxLength;

    public GizwitsCodec() {
        this(DEFAULT_MAX_LENGTH);
    }

    public GizwitsCodec(int maxLength) {
        if (maxLength < 5 || maxLength > 0xFFFF) {
            throw new IllegalArgumentException("maxLength within 5..65535");
        }
        this.maxLength = maxLength;
    }

    /** Wire bytes of {@code frame}, stuffed. */
    public byte[] encode(GizwitsFrame frame) {
        int len = frame.payload().length + 5;
        if (len > maxLength) {
            throw new IllegalArgumentException("frame of len " + len + " exceeds " + maxLength);
        }
        byte[] logical = new byte[len + 2];
        logical[0] = (byte) (len >> 8);
        logical[1] = (byte) len;
        logical[2] = (byte) frame.command();
        logical[3] = (byte) frame.sn();
        logical[4] = (byte) (frame.flags() >> 8);
        logical[5] = (byte) frame.flags();
        System.arraycopy(frame.payload(), 0, logical, 6, frame.payload().length);
        int sum = 0;
        for (int i = 0; i < logical.length - 1; i++) {
            sum += logical[i] & 0xFF;
        }
        logical[logical.length - 1] = (byte) sum;
        ByteArrayOutputStream out = new ByteArrayOutputStream(logical.length + 8);
        out.write(0xFF);
        out.write(0xFF);
        for (byte b : logical) {
            out.write(b);
            if (b == (byte) 0xFF) {
                out.write(0x55);
            }
        }
        return out.toByteArray();
    }

    /** What {@link #decode} found. */
    public sealed interface Decoded permits NeedMore, Frame {
        int consumed();
    }

    /** Not a whole frame yet; nothing consumed. */
    public record NeedMore() implements Decoded {
        @Override
        public int consumed() {
            return 0;
        }
    }

    /** A frame and the raw bytes it took. */
    public record Frame(GizwitsFrame frame, int consumed) implements Decoded {
    }

    /**
     * Decodes the first frame of {@code input[offset, offset+length)}.
     *
     * @throws FrameCorruptedException bytes that are not a frame start, bad stuffing or a bad sum
     * @throws FrameTooLargeException  a len above the maximum
     *                                 (nothing else for any bytes; fuzzed in {@code rig/fuzz})
     */
    public Decoded decode(byte[] input, int offset, int length) {
        if (length == 0) {
            return new NeedMore();
        }
        if (input[offset] != (byte) 0xFF) {
            int next = 1;
            while (next < length && input[offset + next] != (byte) 0xFF) {
                next++;
            }
            throw new FrameCorruptedException("no frame header: " + next + " stray bytes", next);
        }
        if (length < 2) {
            return new NeedMore();
        }
        if (input[offset + 1] != (byte) 0xFF) {
            throw new FrameCorruptedException("0xFF not followed by 0xFF", 1);
        }
        byte[] logical = new byte[maxLength + 2];
        int have = 0;
        int total = -1;
        int raw = 2;
        while (total < 0 || have < total) {
            if (raw >= length) {
                return new NeedMore();
            }
            byte b = input[offset + raw];
            if (b == (byte) 0xFF) {
                if (raw + 1 >= length) {
                    return new NeedMore();
                }
                byte after = input[offset + raw + 1];
                if (after != 0x55) {
                    throw new FrameCorruptedException(String.format(
                            "0xFF inside a frame not followed by the 0x55 stuffing byte but 0x%02X", after & 0xFF), raw);
                }
                raw += 2;
            } else {
                raw++;
            }
            logical[have++] = b;
            if (have == 2) {
                int len = ((logical[0] & 0xFF) << 8) | (logical[1] & 0xFF);
                if (len < 5) {
                    throw new FrameCorruptedException("frame len " + len + " is below the minimum of 5", raw);
                }
                if (len > maxLength) {
                    throw new FrameTooLargeException("frame len " + len + " exceeds the maximum of " + maxLength, raw);
                }
                total = len + 2;
            }
        }
        int sum = 0;
        for (int i = 0; i < total - 1; i++) {
            sum += logical[i] & 0xFF;
        }
        if ((sum & 0xFF) != (logical[total - 1] & 0xFF)) {
            throw new FrameCorruptedException(String.format("frame sum 0x%02X sent, 0x%02X computed",
                    logical[total - 1] & 0xFF, sum & 0xFF), raw);
        }
        int flags = ((logical[4] & 0xFF) << 8) | (logical[5] & 0xFF);
        return new Frame(new GizwitsFrame(logical[2] & 0xFF, logical[3] & 0xFF, flags,
                Arrays.copyOfRange(logical, 6, total - 1)), raw);
    }
}
