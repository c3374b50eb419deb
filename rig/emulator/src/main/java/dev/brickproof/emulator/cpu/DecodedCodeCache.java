package dev.brickproof.emulator.cpu;

/**
 * Pre-decoded instructions, one slot per half-word of executable memory, filled lazily.
 * Two-level table: 256 regions of 16 MiB, each with 4096 pages of 4 KiB; a page is an {@code int[4096]}
 * holding (kind, raw encoding) pairs, kind 0 meaning "not decoded yet".
 *
 * <p>Only the architecturally executable regions (0x0000_0000..0x3FFF_FFFF and 0x6000_0000..0x9FFF_FFFF)
 * are cached; the core faults on execution anywhere else before consulting the cache.
 */
final class DecodedCodeCache {
    static final int PAGE_SHIFT = 12;
    static final int PAGE_INTS = 1 << PAGE_SHIFT;

    private final int[][][] regions = new int[256][][];
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

    static int slot(int address) {
        return (address & (PAGE_INTS - 1)) & ~1;
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
            long pageEnd = (a | (PAGE_INTS - 1)) + 1;
            if (region != null) {
                int[] page = region[(int) ((a >>> PAGE_SHIFT) & 0xFFF)];
                if (page != null) {
                    long stop = Math.min(pageEnd, end);
                    if (a == (pageEnd - PAGE_INTS) && stop == pageEnd) {
                        region[(int) ((a >>> PAGE_SHIFT) & 0xFFF)] = null;
                    } else {
                        for (long x = a; x < stop; x += 2) {
                            page[(int) (x & (PAGE_INTS - 1))] = 0;
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
    }

    void invalidateAll() {
        generation++;
        java.util.Arrays.fill(regions, null);
    }
}
