package dev.brickproof.rig.protocol.tobudos.patch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference semantics of a block patch, applied the way the in-place D4 bootloader does it: one flash area
 * that holds the old image and receives the new one block by block in the patch's order; a record's stash slot
 * saves its block's old content before that block is overwritten; reads of an old block already overwritten come
 * from its stash (and fail loudly when there is none: the order would have read a block it overwrote).
 */
public final class BlockPatchApplier {
    private BlockPatchApplier() {
    }

    /** The new image, rebuilt in place over {@code old}; refuses a patch built for another old image. */
    public static byte[] apply(byte[] old, byte[] patch) {
        ByteBuffer p = ByteBuffer.wrap(patch).order(ByteOrder.LITTLE_ENDIAN);
        if (patch.length < PatchFormat.HEADER_SIZE) {
            throw new PatchRejectedException("a patch needs a " + PatchFormat.HEADER_SIZE + "-byte header, got "
                    + patch.length + " bytes");
        }
        int blockLength = p.getShort() & 0xFFFF;
        int records = p.getShort() & 0xFFFF;
        int oldSize = p.getInt();
        int oldCrc = p.getInt();
        int newSize = p.getInt();
        int newCrc = p.getInt();
        int stashSlots = p.getShort() & 0xFFFF;
        p.getShort();
        if (blockLength == 0 || oldSize != old.length || BlockPatch.crc32(old) != oldCrc) {
            throw new PatchRejectedException(String.format("the patch is for an old image of %d bytes with CRC-32"
                    + " %08X, the running image has %d bytes with CRC-32 %08X; build the patch from the running"
                    + " image", oldSize, oldCrc, old.length, BlockPatch.crc32(old)));
        }
        int blocks = (newSize + blockLength - 1) / blockLength;
        if (records != blocks) {
            throw new PatchRejectedException("the patch has " + records + " records for " + blocks + " new blocks");
        }
        int area = Math.max(old.length, blocks * blockLength);
        byte[] flash = new byte[(area + blockLength - 1) / blockLength * blockLength];
        Arrays.fill(flash, (byte) 0xFF);
        System.arraycopy(old, 0, flash, 0, old.length);
        boolean[] written = new boolean[flash.length / blockLength];
        Map<Integer, byte[]> stash = new HashMap<>();
        Map<Integer, Integer> stashOf = new HashMap<>();
        for (int k = 0; k < records; k++) {
            if (p.remaining() < PatchFormat.RECORD_HEADER) {
                throw new PatchRejectedException("the patch ends before record " + k + " of " + records);
            }
            int unpacked = p.getShort() & 0xFFFF;
            int packedLength = p.getShort() & 0xFFFF;
            if (unpacked > PatchFormat.MAX_RECORD || packedLength > p.remaining()) {
                throw new PatchRejectedException("record " + k + " claims " + unpacked + " unpacked / " + packedLength
                        + " packed bytes; at most " + PatchFormat.MAX_RECORD + " / " + p.remaining());
            }
            byte[] packed = new byte[packedLength];
            p.get(packed);
            ByteBuffer r = ByteBuffer.wrap(Lzma.unpack(packed, unpacked)).order(ByteOrder.LITTLE_ENDIAN);
            int index = r.getShort() & 0xFFFF;
            int commands = r.getShort() & 0xFFFF;
            int ctrlLength = r.getShort() & 0xFFFF;
            int diffLength = r.getShort() & 0xFFFF;
            int slot = r.getShort() & 0xFFFF;
            if (index >= blocks || written[index]) {
                throw new PatchRejectedException("record " + k + " rebuilds block " + index + " twice or out of range");
            }
            if (slot != PatchFormat.NO_STASH) {
                if (slot >= stashSlots) {
                    throw new PatchRejectedException("record " + k + " stashes into slot " + slot + " of " + stashSlots);
                }
                stash.put(slot, Arrays.copyOfRange(flash, index * blockLength, (index + 1) * blockLength));
                stashOf.put(index, slot);
            }
            int ctrl = PatchFormat.BLOCK_HEADER;
            int diff = ctrl + ctrlLength;
            int extra = diff + diffLength;
            int length = Math.min(blockLength, newSize - index * blockLength);
            byte[] block = new byte[blockLength];
            Arrays.fill(block, (byte) 0xFF);
            int at = 0;
            for (int c = 0; c < commands; c++) {
                int x = r.get(ctrl) & 0xFF;
                int y = r.getShort(ctrl + 1) & 0xFFFF;
                if (at + y > length) {
                    throw new PatchRejectedException("block " + index + ": commands write past its " + length + " bytes");
                }
                if (x == PatchFormat.EXTRA) {
                    r.get(extra, block, at, y);
                    extra += y;
                    ctrl += 3;
                } else {
                    int z = r.getInt(ctrl + 3);
                    for (int i = 0; i < y; i++) {
                        int b = oldByte(flash, written, stash, stashOf, blockLength, z + i, index);
                        block[at + i] = (byte) (x == PatchFormat.DIFF ? b + r.get(diff++) : b);
                    }
                    ctrl += 7;
                }
                at += y;
            }
            if (at != length) {
                throw new PatchRejectedException("block " + index + ": commands cover " + at + " of " + length + " bytes");
            }
            System.arraycopy(block, 0, flash, index * blockLength, blockLength);
            written[index] = true;
        }
        byte[] neu = Arrays.copyOf(flash, newSize);
        if (BlockPatch.crc32(neu) != newCrc) {
            throw new PatchRejectedException(String.format("the rebuilt image has CRC-32 %08X, the patch promises %08X",
                    BlockPatch.crc32(neu), newCrc));
        }
        return neu;
    }

    private static int oldByte(byte[] flash, boolean[] written, Map<Integer, byte[]> stash,
                               Map<Integer, Integer> stashOf, int blockLength, int address, int building) {
        int block = address / blockLength;
        if (address < 0 || address >= flash.length) {
            throw new PatchRejectedException("block " + building + " reads old offset " + address + " outside the image");
        }
        if (!written[block]) {
            return flash[address];
        }
        Integer slot = stashOf.get(block);
        if (slot == null) {
            throw new PatchRejectedException("block " + building + " reads old block " + block
                    + " after it was overwritten and it was never stashed: the rebuild order is wrong");
        }
        return stash.get(slot)[address % blockLength];
    }
}
