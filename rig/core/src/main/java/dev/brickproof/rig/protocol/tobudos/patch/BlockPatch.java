package dev.brickproof.rig.protocol.tobudos.patch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A block patch ({@link PatchFormat}) from an old image to a new one: bsdiff runs, cut into flash blocks, rebuilt
 * in dependency order, each block's record LZMA-packed on its own (as TobudOS's {@code ota_diff} does).
 *
 * @param bytes      the patch as sent after the OTA header
 * @param records    how many block records it holds
 * @param stashSlots how many blocks an in-place rebuild saves before overwriting them (dependency cycles broken)
 */
public record BlockPatch(byte[] bytes, int records, int stashSlots) {

    /** The patch that rebuilds {@code neu} from {@code old} in blocks of {@code blockLength} bytes. */
    public static BlockPatch between(byte[] old, byte[] neu, int blockLength) {
        if (blockLength < 16 || blockLength > 0x8000 || Integer.bitCount(blockLength) != 1) {
            throw new IllegalArgumentException("block length " + blockLength
                    + " is not a power of two between 16 and 32768; use the flash page size (2048 on the L431)");
        }
        List<BlockCommands> blocks = BlockCommands.of(BsDiff.runs(old, neu), old, neu, blockLength);
        if (blocks.size() > 0xFFFF) {
            throw new IllegalArgumentException(neu.length + " bytes are more than 65535 blocks of " + blockLength);
        }
        RebuildOrder order = RebuildOrder.of(blocks);
        ByteBuffer header = ByteBuffer.allocate(PatchFormat.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) blockLength).putShort((short) blocks.size())
                .putInt(old.length).putInt(crc32(old)).putInt(neu.length).putInt(crc32(neu))
                .putShort((short) order.stashSlots()).putShort((short) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        for (RebuildOrder.Step step : order.steps()) {
            byte[] record = blocks.get(step.block()).encode(step.stashSlot());
            byte[] packed = Lzma.pack(record);
            out.write(record.length);
            out.write(record.length >>> 8);
            out.write(packed.length);
            out.write(packed.length >>> 8);
            out.writeBytes(packed);
        }
        return new BlockPatch(out.toByteArray(), blocks.size(), order.stashSlots());
    }

    /** For the STM32L431 (2 KiB pages). */
    public static BlockPatch forL431(byte[] old, byte[] neu) {
        return between(old, neu, PatchFormat.L431_BLOCK);
    }

    public int size() {
        return bytes.length;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    static int crc32(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return (int) c.getValue();
    }
}
