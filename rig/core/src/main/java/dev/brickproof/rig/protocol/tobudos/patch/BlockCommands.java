package dev.brickproof.rig.protocol.tobudos.patch;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The commands that rebuild one new block (the bsdiff runs cut at block boundaries), the old blocks they read, and
 * the unpacked record that carries them ({@link PatchFormat}).
 */
record BlockCommands(int index, List<Run> runs, byte[] newBlock, byte[] old, int blockLength) {

    /** Splits the runs of the whole image into one command list per new block. */
    static List<BlockCommands> of(List<Run> runs, byte[] old, byte[] neu, int blockLength) {
        int blocks = (neu.length + blockLength - 1) / blockLength;
        List<List<Run>> perBlock = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            perBlock.add(new ArrayList<>());
        }
        for (Run r : runs) {
            int at = r.newFrom();
            while (at < r.newEnd()) {
                int b = at / blockLength;
                int end = Math.min(r.newEnd(), (b + 1) * blockLength);
                int oldFrom = r.isExtra() ? Run.EXTRA : r.oldFrom() + (at - r.newFrom());
                perBlock.get(b).add(new Run(at, oldFrom, end - at));
                at = end;
            }
        }
        List<BlockCommands> out = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            int from = b * blockLength;
            byte[] content = java.util.Arrays.copyOfRange(neu, from, Math.min(neu.length, from + blockLength));
            BlockCommands c = new BlockCommands(b, perBlock.get(b), content, old, blockLength);
            out.add(c.encodedLength() <= PatchFormat.MAX_RECORD ? c : c.asExtra());
        }
        return out;
    }

    /** The same block sent as one EXTRA command (no reads), when its commands would not fit a record. */
    BlockCommands asExtra() {
        return new BlockCommands(index, List.of(new Run(index * blockLength, Run.EXTRA, newBlock.length)), newBlock,
                old, blockLength);
    }

    /** Old blocks other than this one that the commands read. */
    SortedSet<Integer> reads() {
        SortedSet<Integer> blocks = new TreeSet<>();
        for (Run r : runs) {
            if (!r.isExtra()) {
                for (int b = r.oldFrom() / blockLength; b <= (r.oldFrom() + r.length() - 1) / blockLength; b++) {
                    blocks.add(b);
                }
            }
        }
        blocks.remove(index);
        return blocks;
    }

    int encodedLength() {
        int length = PatchFormat.BLOCK_HEADER;
        for (Run r : runs) {
            length += r.isExtra() ? 3 + r.length() : 7 + (isCopy(r) ? 0 : r.length());
        }
        return length;
    }

    private boolean isCopy(Run r) {
        for (int i = 0; i < r.length(); i++) {
            if (newBlock[r.newFrom() - index * blockLength + i] != old[r.oldFrom() + i]) {
                return false;
            }
        }
        return true;
    }

    /** The unpacked record: block header, commands, diff bytes, extra bytes. */
    byte[] encode(int stashSlot) {
        ByteArrayOutputStream ctrl = new ByteArrayOutputStream();
        ByteArrayOutputStream diff = new ByteArrayOutputStream();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        int base = index * blockLength;
        for (Run r : runs) {
            int at = r.newFrom() - base;
            if (r.isExtra()) {
                ctrl.write(PatchFormat.EXTRA);
                le16(ctrl, r.length());
                extra.write(newBlock, at, r.length());
                continue;
            }
            boolean copy = isCopy(r);
            ctrl.write(copy ? PatchFormat.COPY : PatchFormat.DIFF);
            le16(ctrl, r.length());
            le16(ctrl, r.oldFrom());
            le16(ctrl, r.oldFrom() >>> 16);
            if (!copy) {
                for (int i = 0; i < r.length(); i++) {
                    diff.write(newBlock[at + i] - old[r.oldFrom() + i]);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le16(out, index);
        le16(out, runs.size());
        le16(out, ctrl.size());
        le16(out, diff.size());
        le16(out, stashSlot);
        out.writeBytes(ctrl.toByteArray());
        out.writeBytes(diff.toByteArray());
        out.writeBytes(extra.toByteArray());
        return out.toByteArray();
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
    }
}
