package dev.brickproof.rig.protocol.tobudos;

import dev.brickproof.rig.protocol.FrameCorruptedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The TencentOS-tiny OTA partition table (fact sheet §5.2), little-endian and packed: magic 0x6420, initial
 * version major/minor, CRC-8, 3 reserved bytes (written 0x00), then {start, end} for the active app,
 * (ping-pong: the backup app,) OTA and KV. 32 bytes in-place, 40 bytes ping-pong. The CRC-8 (poly 0x31,
 * init 0) covers magic + version, then the entries; not the reserved bytes.
 *
 * @param backupApp null in the in-place mode
 */
public record PartitionTable(Mode mode, int major, int minor, Partition activeApp, Partition backupApp,
                             Partition ota, Partition kv) {
    public static final int MAGIC = 0x6420;

    /** In-position (no rollback) or ping-pong (with a backup partition). */
    public enum Mode {
        IN_PLACE(32), PING_PONG(40);

        private final int size;

        Mode(int size) {
            this.size = size;
        }

        /** Encoded size in bytes. */
        public int size() {
            return size;
        }
    }

    public PartitionTable {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(activeApp, "activeApp");
        Objects.requireNonNull(ota, "ota");
        Objects.requireNonNull(kv, "kv");
        if ((mode == Mode.PING_PONG) != (backupApp != null)) {
            throw new IllegalArgumentException("a backup partition exists exactly in ping-pong mode");
        }
        if (major < 0 || major > 0xFF || minor < 0 || minor > 0xFF) {
            throw new IllegalArgumentException("version parts are bytes");
        }
    }

    public static PartitionTable inPlace(int major, int minor, Partition app, Partition ota, Partition kv) {
        return new PartitionTable(Mode.IN_PLACE, major, minor, app, null, ota, kv);
    }

    public static PartitionTable pingPong(int major, int minor, Partition app, Partition backup, Partition ota,
                                          Partition kv) {
        return new PartitionTable(Mode.PING_PONG, major, minor, app, backup, ota, kv);
    }

    private Partition[] entries() {
        return mode == Mode.IN_PLACE ? new Partition[] {activeApp, ota, kv}
                : new Partition[] {activeApp, backupApp, ota, kv};
    }

    /** The table's bytes, CRC included. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(mode.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) MAGIC).put((byte) major).put((byte) minor).put((byte) 0).put(new byte[3]);
        for (Partition p : entries()) {
            b.putInt(p.start()).putInt(p.end());
        }
        byte[] bytes = b.array();
        bytes[4] = (byte) crcOf(bytes, mode);
        return bytes;
    }

    /** CRC-8 over bytes 0..3 and the entries (from offset 8). */
    public static int crcOf(byte[] table, Mode mode) {
        int crc = Crc8.update(0, table, 0, 4);
        return Crc8.update(crc, table, 8, mode.size() - 8);
    }

    /**
     * Decodes a table (the first {@code mode.size()} bytes of {@code bytes}, e.g. the table page).
     *
     * @throws FrameCorruptedException on a bad magic, CRC, a short input or a partition whose start is not
     *                                 below its end (nothing else for any bytes)
     */
    public static PartitionTable decode(byte[] bytes, Mode mode) {
        if (bytes.length < mode.size()) {
            throw new FrameCorruptedException("a " + mode + " partition table needs " + mode.size() + " bytes, got "
                    + bytes.length, bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, mode.size()).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getShort() & 0xFFFF;
        if (magic != MAGIC) {
            throw new FrameCorruptedException(String.format("partition table magic 0x%04X, expected 0x6420%s", magic,
                    magic == 0xFFFF ? " (erased page)" : ""), mode.size());
        }
        int major = b.get() & 0xFF;
        int minor = b.get() & 0xFF;
        int crc = b.get() & 0xFF;
        int computed = crcOf(bytes, mode);
        if (crc != computed) {
            throw new FrameCorruptedException(String.format("partition table CRC-8 0x%02X stored, 0x%02X computed",
                    crc, computed), mode.size());
        }
        b.position(8);
        Partition[] p = new Partition[mode == Mode.IN_PLACE ? 3 : 4];
        for (int i = 0; i < p.length; i++) {
            p[i] = new Partition(b.getInt(), b.getInt());
            if (Integer.compareUnsigned(p[i].start(), p[i].end()) >= 0) {
                throw new FrameCorruptedException("partition " + i + " " + p[i] + " is empty or reversed", mode.size());
            }
        }
        return mode == Mode.IN_PLACE ? inPlace(major, minor, p[0], p[1], p[2])
                : pingPong(major, minor, p[0], p[1], p[2], p[3]);
    }

    /**
     * The device's own checks (ota_partition.c plus the reference bootloader's): every partition's size a
     * multiple of {@code writeAlign} (8 on L4). Returns null when valid, else the reason.
     */
    public String problem(int writeAlign) {
        for (Partition p : entries()) {
            if (p.size() % writeAlign != 0) {
                return "partition " + p + " is not a multiple of the " + writeAlign + "-byte write unit";
            }
        }
        return null;
    }
}
