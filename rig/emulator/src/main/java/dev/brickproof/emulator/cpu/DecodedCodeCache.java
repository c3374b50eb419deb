package dev.brickproof.emulator.cpu;

/**
 * Pre-decoded instructions, one slot per half-word of executable memory, filled lazily.
 * Two-level table: 256 regions of 16 MiB, each with 4096 pages of 4 KiB. A page is one {@code int[]}: first
 * the kinds of its 2048 half-words packed four per int (kind 0 meaning "not decoded yet"), then a
 * (raw encoding, pre-decoded operand) pair per half-word, then a visit counter per half-word (how often the
 * interpreter arrived there other than by falling through; see {@link BlockTranslator}).
 * A parallel table holds each page's {@link TranslatedBlock}s by half-word; any invalidation touching a page
 * drops all of that page's translated blocks (they never extend past their page).
 *
 * <p>Only the architecturally executable regions (0x0000_0000..0x3FFF_FFFF and 0x6000_0000..0x9FFF_FFFF)
 * are cached; the core faults on execution anywhere else before consulting the cache.
 */
final class DecodedCodeCache {
    static final int PAGE_SHIFT = 12;
    static final int PAGE_BYTES = 1 << PAGE_SHIFT;
    static final int HALFWORDS = PAGE_BYTES / 2;
    /** Kinds packed four per int (one byte each), then (raw encoding, pre-decoded operand) pairs. */
    static final int OPERANDS = HALFWORDS / 4;
    /** Start of the per-half-word visit counters. */
    static final int HEAT = OPERANDS + 2 * HALFWORDS;
    static final int PAGE_INTS = HEAT + HALFWORDS;

    private final int[][][] regions = new int[256][][];
    private final TranslatedBlock[][][] blockRegions = new TranslatedBlock[256][][];
    /** Bumped on every invalidation so the core's one-page memo can notice. */
    private int generation;

    int generation() {
        return generation;
    }

    /** The page holding {@code address}, allocated on first use. */
    int[] page(int address) {
        int[][] region = regions[address >>> 24];
        if (region == null) {
            region = new int[1 << (24 - PAGE_SHIFT)][];
            regions[address >>> 24] = region;
        }
        int index = (address >>> PAGE_SHIFT) & 0xFFF;
        int[] page = region[index];
        if (page == null) {
            page = new int[PAGE_INTS];
            region[index] = page;
        }
        return page;
    }

    /** The translated blocks of the page holding {@code address} (by half-word index), allocated on first use. */
    TranslatedBlock[] blocks(int address) {
        TranslatedBlock[][] region = blockRegions[address >>> 24];
        if (region == null) {
            region = new TranslatedBlock[1 << (24 - PAGE_SHIFT)][];
            blockRegions[address >>> 24] = region;
        }
        int index = (address >>> PAGE_SHIFT) & 0xFFF;
        TranslatedBlock[] blocks = region[index];
        if (blocks == null) {
            blocks = new TranslatedBlock[HALFWORDS];
            region[index] = blocks;
        }
        return blocks;
    }

    /** Index of the half-word at {@code address} within its page. */
    static int index(int address) {
        return (address & (PAGE_BYTES - 1)) >>> 1;
    }

    static int kind(int[] page, int index) {
        return (page[index >>> 2] >>> ((index & 3) << 3)) & 0xFF;
    }

    static void store(int[] page, int index, int kind, int raw, int operand) {
        page[OPERANDS + 2 * index] = raw;
        page[OPERANDS + 2 * index + 1] = operand;
        int shift = (index & 3) << 3;
        page[index >>> 2] = (page[index >>> 2] & ~(0xFF << shift)) | (kind << shift);
    }

    private static void clear(int[] page, int index) {
        page[index >>> 2] &= ~(0xFF << ((index & 3) << 3));
    }

    /** True when some decoded code might live in the page of {@code address}. */
    boolean mayHoldCode(int address) {
        int[][] region = regions[address >>> 24];
        return region != null && region[(address >>> PAGE_SHIFT) & 0xFFF] != null;
    }

    /** Drops decoded instructions overlapping [address, address + length), including one starting 2 bytes before. */
    void invalidate(int address, int length) {
        if (length <= 0) {
            return;
        }
        generation++;
        long start = (address & 0xFFFF_FFFFL) - 2;
        if (start < 0) {
            start = 0;
        }
        long end = (address & 0xFFFF_FFFFL) + length;
        for (long a = start & ~1L; a < end; ) {
            int[][] region = regions[(int) (a >>> 24)];
            long pageEnd = (a | (PAGE_BYTES - 1)) + 1;
            TranslatedBlock[][] blockRegion = blockRegions[(int) (a >>> 24)];
            if (blockRegion != null) {
                blockRegion[(int) ((a >>> PAGE_SHIFT) & 0xFFF)] = null;
            }
            if (region != null) {
                int[] page = region[(int) ((a >>> PAGE_SHIFT) & 0xFFF)];
                if (page != null) {
                    long stop = Math.min(pageEnd, end);
                    if (a == (pageEnd - PAGE_BYTES) && stop == pageEnd) {
                        region[(int) ((a >>> PAGE_SHIFT) & 0xFFF)] = null;
                    } else {
                        for (long x = a; x < stop; x += 2) {
                            clear(page, index((int) x));
                        }
                    }
                }
            }
            a = pageEnd;
        }
    }

    /** Drops every decoded instruction of one 16 MiB region (e.g. the boot alias at 0x0000_0000). */
    void invalidateRegion(int regionIndex) {
        generation++;
        regions[regionIndex] = null;
        blockRegions[regionIndex] = null;
    }

    void invalidateAll() {
        generation++;
        java.util.Arrays.fill(regions, null);
        java.util.Arrays.fill(blockRegions, null);
    }
}
