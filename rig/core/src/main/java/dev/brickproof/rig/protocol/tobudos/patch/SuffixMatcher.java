package dev.brickproof.rig.protocol.tobudos.patch;

import java.util.Arrays;

/**
 * Longest-match search in an old image through its suffix array (built by prefix doubling, O(n log² n), no
 * worst case on repetitive images): what bsdiff's scan asks for at every position of the new image.
 */
final class SuffixMatcher {
    private static final int BITS = 21;
    private static final long MASK = (1L << BITS) - 1;

    private final byte[] old;
    /** Suffix start offsets in lexicographic order; entry 0 is the empty suffix (offset old.length). */
    private final int[] suffixes;

    SuffixMatcher(byte[] old) {
        if (old.length >= MASK) {
            throw new IllegalArgumentException("old image of " + old.length + " bytes is too large for the patch"
                    + " generator (at most " + (MASK - 1) + ")");
        }
        this.old = old;
        this.suffixes = suffixArray(old);
    }

    /** A match: {@code length} bytes of the new image at the query position equal the old image at {@code oldPos}. */
    record Match(int oldPos, int length) {
    }

    private static int[] suffixArray(byte[] s) {
        int n = s.length + 1; // with the empty suffix, which sorts first
        int[] rank = new int[n];
        for (int i = 0; i < s.length; i++) {
            rank[i] = (s[i] & 0xFF) + 1;
        }
        rank[s.length] = 0;
        long[] keys = new long[n];
        int[] sa = new int[n];
        for (int k = 1; ; k <<= 1) {
            for (int i = 0; i < n; i++) {
                long second = i + k < n ? rank[i + k] + 1 : 0;
                keys[i] = ((long) rank[i] << (2 * BITS)) | (second << BITS) | i;
            }
            Arrays.sort(keys);
            int[] next = new int[n];
            int r = 0;
            for (int j = 0; j < n; j++) {
                if (j > 0 && (keys[j] >>> BITS) != (keys[j - 1] >>> BITS)) {
                    r++;
                }
                sa[j] = (int) (keys[j] & MASK);
                next[sa[j]] = r;
            }
            rank = next;
            if (r == n - 1 || k >= n) {
                return sa;
            }
        }
    }

    /** The longest prefix of {@code data[from..]} found anywhere in the old image. */
    Match longest(byte[] data, int from) {
        int lo = 0;
        int hi = suffixes.length - 1;
        while (hi - lo >= 2) {
            int mid = lo + (hi - lo) / 2;
            if (compare(suffixes[mid], data, from) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        int a = matchLength(suffixes[lo], data, from);
        int b = matchLength(suffixes[hi], data, from);
        return a > b ? new Match(suffixes[lo], a) : new Match(suffixes[hi], b);
    }

    private int compare(int oldFrom, byte[] data, int from) {
        int n = Math.min(old.length - oldFrom, data.length - from);
        int c = Arrays.compareUnsigned(old, oldFrom, oldFrom + n, data, from, from + n);
        return c != 0 ? c : Integer.compare(old.length - oldFrom, data.length - from) < 0 ? -1 : 0;
    }

    private int matchLength(int oldFrom, byte[] data, int from) {
        int n = Math.min(old.length - oldFrom, data.length - from);
        int m = Arrays.mismatch(old, oldFrom, oldFrom + n, data, from, from + n);
        return m < 0 ? n : m;
    }
}
