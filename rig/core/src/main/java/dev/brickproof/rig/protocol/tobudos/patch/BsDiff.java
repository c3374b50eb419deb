package dev.brickproof.rig.protocol.tobudos.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * Colin Percival's bsdiff scan (as TobudOS's {@code common/diff/bsdiff.c} uses it), written from the published
 * algorithm: walk the new image, find long exact matches in the old one through a suffix array, and extend each
 * approximate match forwards and backwards while more than half the bytes agree. The result covers the new image
 * with "diff" runs (old bytes plus a mostly-zero difference, which compresses well) and "extra" runs.
 */
final class BsDiff {
    private BsDiff() {
    }

    static List<Run> runs(byte[] old, byte[] neu) {
        List<Run> runs = new ArrayList<>();
        if (neu.length == 0) {
            return runs;
        }
        if (old.length == 0) {
            runs.add(new Run(0, Run.EXTRA, neu.length));
            return runs;
        }
        SuffixMatcher matcher = new SuffixMatcher(old);
        int scan = 0;
        int len = 0;
        int pos = 0;
        int lastScan = 0;
        int lastPos = 0;
        int lastOffset = 0;
        while (scan < neu.length) {
            int oldScore = 0;
            scan += len;
            for (int scsc = scan; scan < neu.length; scan++) {
                SuffixMatcher.Match m = matcher.longest(neu, scan);
                len = m.length();
                pos = m.oldPos();
                for (; scsc < scan + len; scsc++) {
                    if (scsc + lastOffset < old.length && old[scsc + lastOffset] == neu[scsc]) {
                        oldScore++;
                    }
                }
                if ((len == oldScore && len != 0) || len > oldScore + 8) {
                    break;
                }
                if (scan + lastOffset < old.length && old[scan + lastOffset] == neu[scan]) {
                    oldScore--;
                }
            }
            if (len != oldScore || scan == neu.length) {
                int lenF = forwardExtension(old, neu, lastScan, lastPos, scan);
                int lenB = scan < neu.length ? backwardExtension(old, neu, lastScan, scan, pos) : 0;
                if (lastScan + lenF > scan - lenB) {
                    int overlap = (lastScan + lenF) - (scan - lenB);
                    int s = 0;
                    int best = 0;
                    int lenS = 0;
                    for (int i = 0; i < overlap; i++) {
                        if (neu[lastScan + lenF - overlap + i] == old[lastPos + lenF - overlap + i]) {
                            s++;
                        }
                        if (neu[scan - lenB + i] == old[pos - lenB + i]) {
                            s--;
                        }
                        if (s > best) {
                            best = s;
                            lenS = i + 1;
                        }
                    }
                    lenF += lenS - overlap;
                    lenB -= lenS;
                }
                if (lenF > 0) {
                    runs.add(new Run(lastScan, lastPos, lenF));
                }
                int extra = (scan - lenB) - (lastScan + lenF);
                if (extra > 0) {
                    runs.add(new Run(lastScan + lenF, Run.EXTRA, extra));
                }
                lastScan = scan - lenB;
                lastPos = pos - lenB;
                lastOffset = pos - scan;
            }
        }
        return runs;
    }

    /** How far the previous match extends forwards while more than half of the bytes agree. */
    private static int forwardExtension(byte[] old, byte[] neu, int lastScan, int lastPos, int scan) {
        int s = 0;
        int best = 0;
        int lenF = 0;
        for (int i = 0; lastScan + i < scan && lastPos + i < old.length; ) {
            if (old[lastPos + i] == neu[lastScan + i]) {
                s++;
            }
            i++;
            if (s * 2 - i > best * 2 - lenF) {
                best = s;
                lenF = i;
            }
        }
        return lenF;
    }

    /** How far the next match extends backwards while more than half of the bytes agree. */
    private static int backwardExtension(byte[] old, byte[] neu, int lastScan, int scan, int pos) {
        int s = 0;
        int best = 0;
        int lenB = 0;
        for (int i = 1; scan >= lastScan + i && pos >= i; i++) {
            if (old[pos - i] == neu[scan - i]) {
                s++;
            }
            if (s * 2 - i > best * 2 - lenB) {
                best = s;
                lenB = i;
            }
        }
        return lenB;
    }
}
