package dev.brickproof.rig.protocol.gizwits;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Gizwits P0 frame: {@code FF FF len(2) cmd sn flags(2) payload sum} (fact sheet §6.1), without the
 * 0x55 stuffing, which only exists on the wire.
 */
public record GizwitsFrame(int command, int sn, int flags, byte[] payload) {
    public static final int OTA_START = 0x19;
    public static final int OTA_START_ACK = 0x1A;
    public static final int MCU_READY = 0x1B;
    public static final int MCU_READY_ACK = 0x1C;
    public static final int PIECE = 0x1D;
    public static final int PIECE_ACK = 0x1E;
    public static final int MODULE_STOP = 0x1F;
    public static final int MODULE_STOP_ACK = 0x20;
    public static final int MCU_ABORT = 0x27;
    public static final int MCU_ABORT_ACK = 0x28;
    public static final int REBOOT_MODULE = 0x29;
    public static final int REBOOT_MODULE_ACK = 0x2A;

    public GizwitsFrame {
        Objects.requireNonNull(payload, "payload");
        if (command < 0 || command > 0xFF || sn < 0 || sn > 0xFF || flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("command and sn are bytes, flags 16 bits");
        }
    }

    public GizwitsFrame(int command, int sn, byte[] payload) {
        this(command, sn, 0, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GizwitsFrame f && f.command == command && f.sn == sn && f.flags == flags
                && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(command, sn, flags, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return String.format("GizwitsFrame[cmd=0x%02X, sn=%d, flags=0x%04X, %d payload bytes]", command, sn, flags,
                payload.length);
    }
}
