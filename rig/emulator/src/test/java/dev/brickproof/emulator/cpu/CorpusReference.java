package dev.brickproof.emulator.cpu;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The Java twin of src/test/firmware/cpu/corpus.c: the same inputs (same LCG, same order of draws) and the
 * same computations, written independently of the core's own DSP helpers.
 */
final class CorpusReference {
    private int seed;

    private CorpusReference(int seed) {
        this.seed = seed;
    }

    private int rnd() {
        seed = seed * 1664525 + 1013904223;
        return seed;
    }

    static int[] expected(boolean cortexM4) {
        return new CorpusReference(12345).compute(cortexM4);
    }

    private int[] compute(boolean m4) {
        List<Integer> out = new ArrayList<>();
        byte[] buf = new byte[300];
        for (int i = 0; i < 300; i++) {
            buf[i] = (byte) (rnd() >>> 24);
        }
        CRC32 crc = new CRC32();
        crc.update(buf);
        out.add((int) crc.getValue());
        out.add((int) crc.getValue());

        int[] arr = new int[48];
        for (int i = 0; i < 48; i++) {
            arr[i] = rnd() >> 8;
        }
        Arrays.sort(arr);
        int h = 17;
        for (int v : arr) {
            h = h * 31 + v;
        }
        out.add(h);
        int[] arr16 = new int[40];
        for (int i = 0; i < 40; i++) {
            arr16[i] = (rnd() >>> 16) & 0xFFFF;
        }
        Arrays.sort(arr16);
        h = 0;
        for (int v : arr16) {
            h = h * 131 + v;
        }
        out.add(h);

        long hi = rnd() & 0xFFFF_FFFFL;
        long lo = rnd() & 0xFFFF_FFFFL;
        long a64 = (hi << 32) | lo;
        hi = (rnd() >>> 12) & 0xFFFF_FFFFL;
        lo = rnd() & 0xFFFF_FFFFL;
        long b64 = (hi << 32) | lo;
        long c64 = (rnd() | 1) & 0xFFFF_FFFFL;
        long p = a64 * b64;
        out.add((int) p);
        out.add((int) (p >>> 32));
        long q = Long.divideUnsigned(a64, b64 >>> 5);
        out.add((int) q);
        out.add((int) (q >>> 32));
        q = Long.divideUnsigned(a64, c64);
        out.add((int) q ^ (int) (q >>> 32));
        out.add((int) Long.remainderUnsigned(a64, c64));
        long s = -(a64 >>> 2) / (c64 * 3);
        out.add((int) s);
        out.add((int) (s >>> 32));
        out.add((int) (-(a64 >>> 1) % (c64 + 17)));
        out.add((int) ((a64 << (rnd() & 63)) >>> 16));
        out.add((int) (-a64 >> (rnd() & 63)));
        int[] va = new int[16];
        int[] vb = new int[16];
        for (int i = 0; i < 16; i++) {
            va[i] = rnd();
            vb[i] = rnd();
        }
        long m = 0;
        for (int i = 0; i < 16; i++) {
            m += (long) va[i] * vb[i];
        }
        out.add((int) m);
        out.add((int) (m >>> 32));
        out.add((int) (((long) (va[0] >> 8) * (vb[1] >> 8)) >> 16));

        int x = rnd();
        int y = rnd();
        int z = rnd();
        int d = y >>> 20;
        out.add((d != 0 ? Integer.divideUnsigned(x, d) : -1) ^ -1);
        int zs = z >> 16;
        int zt = z >> 20;
        out.add((zs != 0 ? x / zs : 0) + (zt != 0 ? y % zt : 0));
        out.add(Integer.bitCount(x) | (Integer.bitCount(y) << 8));
        out.add(bitMix(x, y & 31));
        out.add(Integer.reverse(z));
        out.add(bitfields(x, y));
        out.add(clampI16(x >> 12) ^ (clampI16(y >> 14) << 1) ^ 1234);
        out.add(clampU8(z >> 22) | (77 << 16));
        out.add((x > y ? x - y : y - x) ^ selectChain(x, y, z));

        int sw = 0;
        for (int k = 0; k < 14; k++) {
            sw = sw * 7 + denseSwitch(k, x + k);
        }
        out.add(sw);
        sw = 0;
        for (int k = 0; k < 23; k++) {
            sw = sw * 11 + longSwitch(k, y ^ k);
        }
        out.add(sw);

        out.add(hashRecord(x));
        out.add(hashRecord(y + 2) ^ hashRecord(y + 1) * 3 ^ hashRecord(y) * 5);

        String dec = Integer.toUnsignedString(x);
        out.add(dec.length() | (fnv1a(dec) << 8));
        String rev = new StringBuilder(dec + "-brickproof").reverse().toString();
        out.add(fnv1a(rev) ^ rev.length());
        out.add(2);
        boolean same = Arrays.equals(Arrays.copyOfRange(buf, 0, 16), Arrays.copyOfRange(buf, 1, 17));
        out.add(same ? 0 : 2);
        out.add("firmware update".indexOf('u') + "firmware update".length());

        if (m4) {
            out.add(dspMix(x, y, z));
            out.add(dspMix(0x7FFF8000, 0x7FFF7FFF, 0x80010001));
            short[] q1 = new short[24];
            short[] q2 = new short[24];
            for (int i = 0; i < 24; i++) {
                q1[i] = (short) rnd();
                q2[i] = (short) (rnd() >>> 7);
            }
            int acc = 0;
            for (int i = 0; i < 24; i++) {
                acc += q1[i] * q2[i];
            }
            out.add(acc);
            int hs = 0;
            for (int i = 0; i < 20; i++) {
                int w = rnd() >> (i & 7);
                int v = w >> 4;
                int n = v > 32767 ? 32767 : Math.max(v, -32768);
                hs = hs * 31 + (n & 0xFFFF);
            }
            out.add(hs);
            int sum = 0;
            for (int i = 0; i < 16; i++) {
                sum += (int) (((long) va[i] * vb[i]) >> 32);
            }
            out.add(sum);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int bitMix(int x, int n) {
        int r = (x << (n & 31)) | (x >>> ((32 - n) & 31));
        r ^= Integer.numberOfLeadingZeros(x | 1) << 8;
        r += Integer.numberOfTrailingZeros(x | 0x8000_0000);
        r ^= Integer.reverseBytes(x);
        r += ((x & 0xFF) << 8) | ((x >>> 8) & 0xFF);
        int y = (x >>> 8) & 0xFFFF;
        r ^= (short) (((y & 0xFF) << 8) | ((y >>> 8) & 0xFF));
        return r;
    }

    private static int bitfields(int x, int y) {
        int b = (x << 20) >> 25;
        int c = (x >>> 12) & 0xFFF;
        int dField = x >> 24;
        int a = y & 31;
        c = (c + (y >>> 3)) & 0xFFF;
        int dNew = (y >>> 24) & 0xFF;
        int out = a | ((b & 0x7F) << 5) | (c << 12) | (dNew << 24);
        return out ^ (b * 3) ^ (dField << 20);
    }

    private static int clampI16(int v) {
        return v > 32767 ? 32767 : Math.max(v, -32768);
    }

    private static int clampU8(int v) {
        return v > 255 ? 255 : Math.max(v, 0);
    }

    private static int selectChain(int a, int b, int c) {
        int m = Integer.compareUnsigned(a, b) < 0 ? a : b;
        m = Integer.compareUnsigned(m, c) < 0 ? m : c;
        int x = a > b ? a : b;
        return m ^ (x << 1) ^ (a == c ? 0x1000 : 0) ^ (Integer.compareUnsigned(b, c) >= 0 ? 7 : 3);
    }

    private static int denseSwitch(int k, int x) {
        switch (k) {
            case 0: return x + 1;
            case 1: return x * 3;
            case 2: return x ^ 0x55;
            case 3: return x >>> 3;
            case 4: return x << 2;
            case 5: return ~x;
            case 6: return x - 77;
            case 7: return x | 0x100;
            case 8: return x & 0xFF;
            case 9: return x * x;
            case 10: return x + 1000;
            case 11: return Integer.divideUnsigned(x, 7);
            default: return 0xDEAD;
        }
    }

    private static int rotl(int v, int n) {
        return Integer.rotateLeft(v, n);
    }

    private static int longSwitch(int k, int x) {
        int r = x;
        switch (k) {
            case 0:
                for (int i = 0; i < 5; i++) {
                    r = r * 33 + i; r ^= r >>> 7; r += x * 5; r ^= 0x1234567; r = rotl(r, 3); r += 0x9E3779B9;
                }
                break;
            case 1:
                for (int i = 0; i < 7; i++) {
                    r = r * 65599 + i; r ^= r >>> 11; r -= x * 9; r ^= 0x7654321; r = rotl(r, 5); r += 0x7F4A7C15;
                }
                break;
            case 2:
                for (int i = 0; i < 3; i++) {
                    r = r * 1103515245 + 12345; r ^= r >>> 13; r += x * 3; r ^= 0xABCDEF; r = rotl(r, 7);
                    r -= 0x61C88647;
                }
                break;
            case 3:
                r = Integer.divideUnsigned(x, 3) + Integer.remainderUnsigned(x, 11) + (x >>> 2) * 7 - (x & 0xF0F0)
                        + (x | 0x0F0F) * 13;
                r ^= r << 9; r += r >>> 4; r *= 0x2545F491;
                break;
            case 4:
                r = x * 0x01000193; r ^= r >>> 15; r *= 0x85EBCA6B; r ^= r >>> 13; r *= 0xC2B2AE35; r ^= r >>> 16;
                r += 42;
                break;
            case 5:
                r = (x & 0xFFFF) * (x >>> 16); r += (x & 0xFF) * 257; r ^= r >>> 3; r *= 5; r -= x; r ^= 0xA5A5A5A5;
                r += r << 1;
                break;
            case 6:
                r = x ^ (x >>> 1);
                r = (r & 0x55555555) + ((r >>> 1) & 0x55555555);
                r = (r & 0x33333333) + ((r >>> 2) & 0x33333333);
                r = (r & 0x0F0F0F0F) + ((r >>> 4) & 0x0F0F0F0F);
                r *= 0x01010101;
                break;
            case 7:
                for (int i = 0; i < 4; i++) {
                    r = (r >>> 1) ^ (0xEDB88320 & -(r & 1));
                    r = (r >>> 1) ^ (0xEDB88320 & -(r & 1));
                    r += x; r ^= i * 0x1111; r = r * 3 + 1; r -= x >>> 3;
                }
                break;
            case 8:
                r = x;
                for (int i = 0; i < 6; i++) {
                    r ^= r << 13; r ^= r >>> 17; r ^= r << 5; r += i; r *= 17; r -= 0x5bd1e995;
                }
                break;
            case 9:
                r = Integer.remainderUnsigned(x, 1000); r = r * r + Integer.divideUnsigned(x, 1000); r ^= r >>> 5;
                r += 0x11111111; r *= 9; r -= x & 0x777; r ^= 0xCAFEBABE;
                break;
            case 10: r = x + 10; break;
            case 11: r = x - 11; break;
            case 12: r = x * 12; break;
            case 13: r = x ^ 13; break;
            case 14: r = x >>> 14; break;
            case 15: r = x | 15; break;
            case 16: r = x & 16; break;
            case 17: r = x << 17; break;
            case 18: r = x + 0x18181818; break;
            case 19: r = x * 19 + 1; break;
            case 20:
                for (int i = 0; i < 9; i++) {
                    r = r * 0x3C6EF35F + 0x1B873593; r ^= r >>> 16; r += x ^ i; r = rotl(r, 11); r ^= 0xDEADBEEF;
                    r -= 0x0BADF00D; r *= 7;
                }
                break;
            default: r = 0xFFFF; break;
        }
        return r;
    }

    private static int hashRecord(int id) {
        int h = id;
        for (int i = 0; i < 9; i++) {
            h = h * 31 + (id * (i + 1) - 1000);
        }
        h = h * 31 + ((id >>> 3) & 0xFFFF);
        for (int i = 0; i < 6; i++) {
            h = h * 31 + ((id + i * 40) & 0xFF);
        }
        return h;
    }

    private static int fnv1a(String s) {
        int h = 0x811C9DC5;
        for (byte b : s.getBytes(StandardCharsets.US_ASCII)) {
            h ^= b & 0xFF;
            h *= 16777619;
        }
        return h;
    }

    // ---- independent model of the ACLE intrinsics used by dsp_mix
    private int geFlags;

    private static int sat(long v, int bits) {
        long max = (1L << (bits - 1)) - 1;
        long min = -(1L << (bits - 1));
        return (int) Math.max(min, Math.min(max, v));
    }

    private static int usat(long v, int bits) {
        long max = (1L << bits) - 1;
        return (int) Math.max(0, Math.min(max, v));
    }

    private static int half(int v, int i) {
        return (short) (v >>> (16 * i));
    }

    private static int uhalf(int v, int i) {
        return (v >>> (16 * i)) & 0xFFFF;
    }

    private static int ubyte(int v, int i) {
        return (v >>> (8 * i)) & 0xFF;
    }

    private int sadd16(int a, int b) {
        int r = 0;
        geFlags = 0;
        for (int i = 0; i < 2; i++) {
            int s = half(a, i) + half(b, i);
            r |= (s & 0xFFFF) << (16 * i);
            if (s >= 0) {
                geFlags |= 3 << (2 * i);
            }
        }
        return r;
    }

    private int ssub16(int a, int b) {
        int r = 0;
        geFlags = 0;
        for (int i = 0; i < 2; i++) {
            int s = half(a, i) - half(b, i);
            r |= (s & 0xFFFF) << (16 * i);
            if (s >= 0) {
                geFlags |= 3 << (2 * i);
            }
        }
        return r;
    }

    private int uadd8(int a, int b) {
        int r = 0;
        geFlags = 0;
        for (int i = 0; i < 4; i++) {
            int s = ubyte(a, i) + ubyte(b, i);
            r |= (s & 0xFF) << (8 * i);
            if (s >= 0x100) {
                geFlags |= 1 << i;
            }
        }
        return r;
    }

    private int usub8(int a, int b) {
        int r = 0;
        geFlags = 0;
        for (int i = 0; i < 4; i++) {
            int s = ubyte(a, i) - ubyte(b, i);
            r |= (s & 0xFF) << (8 * i);
            if (s >= 0) {
                geFlags |= 1 << i;
            }
        }
        return r;
    }

    private int sel(int a, int b) {
        int r = 0;
        for (int i = 0; i < 4; i++) {
            r |= (((geFlags >>> i) & 1) != 0 ? ubyte(a, i) : ubyte(b, i)) << (8 * i);
        }
        return r;
    }

    private int sasx(int a, int b) {
        int lo = half(a, 0) - half(b, 1);
        int hi = half(a, 1) + half(b, 0);
        geFlags = (lo >= 0 ? 3 : 0) | (hi >= 0 ? 12 : 0);
        return (lo & 0xFFFF) | (hi << 16);
    }

    private int usax(int a, int b) {
        int lo = uhalf(a, 0) + uhalf(b, 1);
        int hi = uhalf(a, 1) - uhalf(b, 0);
        geFlags = (lo >= 0x10000 ? 3 : 0) | (hi >= 0 ? 12 : 0);
        return (lo & 0xFFFF) | (hi << 16);
    }

    private int dspMix(int a, int b, int c) {
        int r = 0;
        r ^= sat((long) a + b, 32);
        r += sat((long) a - c, 32);
        r ^= sat((long) b + sat(2L * c, 32), 32) << 1;
        r += sadd16(a, b);
        r ^= uadd8(a, c);
        r += sel(a, b);
        r ^= ssub16(b, c);
        r += usub8(c, a);
        r ^= sel(c, a);
        r += (sat(half(a, 0) + half(c, 0), 16) & 0xFFFF) | (sat(half(a, 1) + half(c, 1), 16) << 16);
        int uq = 0;
        for (int i = 0; i < 4; i++) {
            uq |= usat(ubyte(a, i) - ubyte(b, i), 8) << (8 * i);
        }
        r ^= uq;
        r += (((half(a, 0) + half(b, 0)) >> 1) & 0xFFFF) | (((half(a, 1) + half(b, 1)) >> 1) << 16);
        int uh = 0;
        for (int i = 0; i < 4; i++) {
            uh |= (((ubyte(c, i) - ubyte(b, i)) >> 1) & 0xFF) << (8 * i);
        }
        r ^= uh;
        r += sasx(a, b);
        r ^= usax(b, c);
        int sad = 0;
        int sadc = 0;
        for (int i = 0; i < 4; i++) {
            sad += Math.abs(ubyte(a, i) - ubyte(b, i));
            sadc += Math.abs(ubyte(a, i) - ubyte(c, i));
        }
        r += sad;
        r ^= sadc + b;
        r += half(a, 0) * half(b, 0) + half(a, 1) * half(b, 1);
        r ^= half(a, 0) * half(c, 0) + half(a, 1) * half(c, 1) + b;
        r += half(b, 0) * half(c, 1) - half(b, 1) * half(c, 0);
        r ^= half(a, 0) * half(b, 0) + c;
        r += half(b, 1) * half(c, 1) + a;
        r ^= half(a, 0) * half(c, 1);
        r += (int) (((long) a * half(b, 0)) >> 16) + c;
        r ^= (sat(half(a, 0), 9) & 0xFFFF) | (sat(half(a, 1), 9) << 16);
        r += (usat(half(b, 0), 7) & 0xFFFF) | (usat(half(b, 1), 7) << 16);
        r ^= ((uhalf(a, 0) + ubyte(b, 0)) & 0xFFFF) | ((uhalf(a, 1) + ubyte(b, 2)) << 16);
        r += ((byte) c & 0xFFFF) | ((byte) (c >>> 16) << 16);
        r ^= sat(c, 12);
        r += usat(b, 10);
        r ^= (int) ((c & 0xFFFF_FFFFL) + (long) half(a, 0) * half(b, 0) + (long) half(a, 1) * half(b, 1));
        return r;
    }
}
