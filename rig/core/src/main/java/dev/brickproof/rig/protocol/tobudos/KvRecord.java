package dev.brickproof.rig.protocol.tobudos;

import dev.brickproof.rig.protocol.FrameCorruptedException;
import java.util.Objects;

/**
 * One 8-byte record of the D4 firmware's KV log ({@code fixtures/firmware/README.md}, "KV format"):
 * {@code +0 tag, +1 major, +2 minor, +3 0x00, +4 u16 arg LE, +6 0x00, +7 CRC-8 of bytes 0..6}. Records sit at
 * 8-byte-aligned offsets, are appended into erased double-words and never rewritten; an all-0xFF slot is free.
 */
public record KvRecord(Tag tag, int major, int minor, int arg) {
    public static final int SIZE = 8;

    /** Record kinds and what they mean on replay. */
    public enum Tag {
        /** {@code new_version} = v (pending); apply progress reset. */
        NEW_VERSION(0x01),
        /** No {@code new_version} pending; apply progress reset. */
        NEW_DELETED(0x02),
        /** {@code cur_version} = v. */
        CUR_VERSION(0x03),
        /** The bootloader started applying v; backup/apply page counters = 0. */
        APPLY_BEGIN(0x10),
        /** Active page k saved to backup (ping-pong); counts only if k == counter. */
        BACKUP_PAGE(0x11),
        /** Patch step k's block rebuilt in the app; counts only if k == counter. */
        APPLY_PAGE(0x12),
        /** Ping-pong: restoring backup → app is in progress. */
        ROLLBACK(0x13),
        /** In place: the old block of patch step k is saved in its stash page (the step may overwrite it now). */
        STASH_PAGE(0x14);

        private final int code;

        Tag(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Tag of(int code) {
            for (Tag t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }

    public KvRecord {
        Objects.requireNonNull(tag, "tag");
        if (major < 0 || major > 0xFF || minor < 0 || minor > 0xFF || arg < 0 || arg > 0xFFFF) {
            throw new IllegalArgumentException("major/minor are bytes, arg is 16 bits");
        }
    }

    public static KvRecord newVersion(int major, int minor) {
        return new KvRecord(Tag.NEW_VERSION, major, minor, 0);
    }

    public static KvRecord newDeleted() {
        return new KvRecord(Tag.NEW_DELETED, 0, 0, 0);
    }

    public static KvRecord curVersion(int major, int minor) {
        return new KvRecord(Tag.CUR_VERSION, major, minor, 0);
    }

    public static KvRecord applyBegin(int major, int minor) {
        return new KvRecord(Tag.APPLY_BEGIN, major, minor, 0);
    }

    public static KvRecord backupPage(int page) {
        return new KvRecord(Tag.BACKUP_PAGE, 0, 0, page);
    }

    public static KvRecord applyPage(int page) {
        return new KvRecord(Tag.APPLY_PAGE, 0, 0, page);
    }

    public static KvRecord rollback() {
        return new KvRecord(Tag.ROLLBACK, 0, 0, 0);
    }

    public byte[] encode() {
        byte[] b = {(byte) tag.code(), (byte) major, (byte) minor, 0, (byte) arg, (byte) (arg >> 8), 0, 0};
        b[7] = (byte) Crc8.update(0, b, 0, 7);
        return b;
    }

    /** True when the 8 bytes at {@code offset} are erased (a free slot); false for a slot cut short. */
    public static boolean isFree(byte[] bytes, int offset) {
        if (!whole(bytes, offset)) {
            return false;
        }
        for (int i = 0; i < SIZE; i++) {
            if (bytes[offset + i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static boolean whole(byte[] bytes, int offset) {
        return offset >= 0 && offset <= bytes.length - SIZE;
    }

    /**
     * Decodes the record at {@code offset}. Throws nothing else for any bytes and offset. Like the D4
     * bootloader's replay ({@code d4_kv_scan}), it checks CRC and tag only: the pad bytes +3 and +6 are not checked.
     *
     * @throws FrameCorruptedException for a torn slot (bad CRC, unknown tag) or one that does not lie whole
     *                                 inside {@code bytes} (a dump cut short)
     */
    public static KvRecord decode(byte[] bytes, int offset) {
        if (!whole(bytes, offset)) {
            int have = offset < 0 || offset >= bytes.length ? 0 : bytes.length - offset;
            throw new FrameCorruptedException(String.format("KV slot at +0x%X is cut short: %d of %d bytes in a "
                    + "%d-byte dump", offset, have, SIZE, bytes.length), SIZE);
        }
        int crc = Crc8.update(0, bytes, offset, 7);
        if (crc != (bytes[offset + 7] & 0xFF)) {
            throw new FrameCorruptedException(String.format("KV slot at +0x%X: CRC-8 0x%02X stored, 0x%02X computed "
                    + "(torn write)", offset, bytes[offset + 7] & 0xFF, crc), SIZE);
        }
        Tag tag = Tag.of(bytes[offset] & 0xFF);
        if (tag == null) { // the firmware ignores such records; so do we, but say so
            throw new FrameCorruptedException(String.format("KV slot at +0x%X: unknown tag 0x%02X",
                    offset, bytes[offset] & 0xFF), SIZE);
        }
        int arg = (bytes[offset + 4] & 0xFF) | ((bytes[offset + 5] & 0xFF) << 8);
        return new KvRecord(tag, bytes[offset + 1] & 0xFF, bytes[offset + 2] & 0xFF, arg);
    }
}
