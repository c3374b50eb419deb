/* C corpus for the CPU core: every result word is recomputed in Java by CorpusReference.java.
   Inputs come from an LCG seeded through a volatile so nothing folds at compile time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__ARM_FEATURE_DSP)
#include <arm_acle.h>
#endif

#define NOINLINE __attribute__((noinline))

__attribute__((section(".results"))) volatile uint32_t results[64];
static int ri;
static void put(uint32_t v) { results[ri++] = v; }

volatile uint32_t initial_seed = 12345u;
static uint32_t seed;
static uint32_t rnd(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed;
}

/* ---- CRC-32 */
NOINLINE uint32_t crc32_bitwise(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++) {
            c = (c >> 1) ^ (0xEDB88320u & -(c & 1u));
        }
    }
    return ~c;
}

static uint32_t crc_table[256];
NOINLINE uint32_t crc32_table(const uint8_t *p, size_t n)
{
    if (crc_table[1] == 0) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            crc_table[i] = c;
        }
    }
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c = crc_table[(c ^ p[i]) & 0xFFu] ^ (c >> 8);
    }
    return ~c;
}

/* ---- sorting */
NOINLINE void insertion_sort(int32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static int compare_u16(const void *x, const void *y)
{
    uint16_t a = *(const uint16_t *)x, b = *(const uint16_t *)y;
    return (a > b) - (a < b);
}

static uint32_t hash_i32(const int32_t *a, int n)
{
    uint32_t h = 17;
    for (int i = 0; i < n; i++) {
        h = h * 31u + (uint32_t)a[i];
    }
    return h;
}

/* ---- 64-bit arithmetic */
NOINLINE uint64_t mul64(uint64_t a, uint64_t b) { return a * b; }
NOINLINE uint64_t udiv64(uint64_t a, uint64_t b) { return a / b; }
NOINLINE uint64_t umod64(uint64_t a, uint64_t b) { return a % b; }
NOINLINE int64_t sdiv64(int64_t a, int64_t b) { return a / b; }
NOINLINE int64_t smod64(int64_t a, int64_t b) { return a % b; }
NOINLINE uint64_t shl64(uint64_t a, int n) { return a << n; }
NOINLINE int64_t sar64(int64_t a, int n) { return a >> n; }
NOINLINE int64_t mac64(const int32_t *a, const int32_t *b, int n)
{
    int64_t acc = 0;
    for (int i = 0; i < n; i++) {
        acc += (int64_t)a[i] * b[i];
    }
    return acc;
}
NOINLINE uint32_t fixmul_q16(int32_t a, int32_t b) { return (uint32_t)(int32_t)(((int64_t)a * b) >> 16); }

/* ---- 32-bit division and bit tricks */
NOINLINE uint32_t udiv32(uint32_t a, uint32_t b) { return b ? a / b : 0xFFFFFFFFu; }
NOINLINE int32_t sdiv32(int32_t a, int32_t b) { return b ? a / b : 0; }
NOINLINE int32_t smod32(int32_t a, int32_t b) { return b ? a % b : 0; }
NOINLINE uint32_t popcount_loop(uint32_t x)
{
    uint32_t c = 0;
    while (x) {
        x &= x - 1;
        c++;
    }
    return c;
}
NOINLINE uint32_t bit_mix(uint32_t x, int n)
{
    uint32_t r = (x << (n & 31)) | (x >> ((32 - n) & 31));
    r ^= (uint32_t)__builtin_clz(x | 1u) << 8;
    r += (uint32_t)__builtin_ctz(x | 0x80000000u);
    r ^= __builtin_bswap32(x);
    r += __builtin_bswap16((uint16_t)x);
    r ^= (uint32_t)(int32_t)(int16_t)__builtin_bswap16((uint16_t)(x >> 8));
    return r;
}
NOINLINE uint32_t reverse_bits(uint32_t x)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i++) {
        r = (r << 1) | (x & 1u);
        x >>= 1;
    }
    return r;
}

struct packed_fields {
    unsigned a : 5;
    signed b : 7;
    unsigned c : 12;
    signed d : 8;
};
NOINLINE uint32_t bitfields(uint32_t x, uint32_t y)
{
    struct packed_fields f;
    memcpy(&f, &x, sizeof f);
    f.a = y;
    f.c += y >> 3;
    int32_t sb = f.b;
    int32_t sd = f.d;
    f.d = (signed char)(y >> 24);
    uint32_t out;
    memcpy(&out, &f, sizeof out);
    return out ^ (uint32_t)(sb * 3) ^ (uint32_t)(sd << 20);
}

NOINLINE int32_t clamp_i16(int32_t x) { return x > 32767 ? 32767 : x < -32768 ? -32768 : x; }
NOINLINE uint32_t clamp_u8(int32_t x) { return x > 255 ? 255 : x < 0 ? 0 : (uint32_t)x; }
NOINLINE int32_t abs_diff(int32_t a, int32_t b) { return a > b ? a - b : b - a; }
NOINLINE uint32_t select_chain(uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t m = a < b ? a : b;
    m = m < c ? m : c;
    uint32_t x = (int32_t)a > (int32_t)b ? a : b;
    return m ^ (x << 1) ^ (a == c ? 0x1000u : 0u) ^ (b >= c ? 7u : 3u);
}

/* ---- switch tables */
NOINLINE uint32_t dense_switch(uint32_t k, uint32_t x)
{
    switch (k) {
    case 0: return x + 1;
    case 1: return x * 3;
    case 2: return x ^ 0x55u;
    case 3: return x >> 3;
    case 4: return x << 2;
    case 5: return ~x;
    case 6: return x - 77;
    case 7: return x | 0x100u;
    case 8: return x & 0xFFu;
    case 9: return x * x;
    case 10: return x + 1000;
    case 11: return x / 7;
    default: return 0xDEADu;
    }
}

NOINLINE uint32_t long_switch(uint32_t k, uint32_t x)
{
    uint32_t r = x;
    switch (k) {
    case 0: for (int i = 0; i < 5; i++) { r = r * 33u + (uint32_t)i; r ^= r >> 7; r += x * 5u; r ^= 0x1234567u; r = (r << 3) | (r >> 29); r += 0x9E3779B9u; } break;
    case 1: for (int i = 0; i < 7; i++) { r = r * 65599u + (uint32_t)i; r ^= r >> 11; r -= x * 9u; r ^= 0x7654321u; r = (r << 5) | (r >> 27); r += 0x7F4A7C15u; } break;
    case 2: for (int i = 0; i < 3; i++) { r = r * 1103515245u + 12345u; r ^= r >> 13; r += x * 3u; r ^= 0xABCDEFu; r = (r << 7) | (r >> 25); r -= 0x61C88647u; } break;
    case 3: r = x / 3u + x % 11u + (x >> 2) * 7u - (x & 0xF0F0u) + (x | 0x0F0Fu) * 13u; r ^= r << 9; r += r >> 4; r *= 0x2545F491u; break;
    case 4: r = x * 0x01000193u; r ^= r >> 15; r *= 0x85EBCA6Bu; r ^= r >> 13; r *= 0xC2B2AE35u; r ^= r >> 16; r += 42u; break;
    case 5: r = (x & 0xFFFFu) * (x >> 16); r += (x & 0xFFu) * 257u; r ^= r >> 3; r *= 5u; r -= x; r ^= 0xA5A5A5A5u; r += r << 1; break;
    case 6: r = x ^ (x >> 1); r = (r & 0x55555555u) + ((r >> 1) & 0x55555555u); r = (r & 0x33333333u) + ((r >> 2) & 0x33333333u); r = (r & 0x0F0F0F0Fu) + ((r >> 4) & 0x0F0F0F0Fu); r *= 0x01010101u; break;
    case 7: for (int i = 0; i < 4; i++) { r = (r >> 1) ^ (0xEDB88320u & -(r & 1u)); r = (r >> 1) ^ (0xEDB88320u & -(r & 1u)); r += x; r ^= (uint32_t)i * 0x1111u; r = r * 3u + 1u; r -= x >> 3; } break;
    case 8: r = x; for (int i = 0; i < 6; i++) { r ^= r << 13; r ^= r >> 17; r ^= r << 5; r += (uint32_t)i; r *= 17u; r -= 0x5bd1e995u; } break;
    case 9: r = x % 1000u; r = r * r + x / 1000u; r ^= r >> 5; r += 0x11111111u; r *= 9u; r -= x & 0x777u; r ^= 0xCAFEBABEu; break;
    case 10: r = x + 10; break;
    case 11: r = x - 11; break;
    case 12: r = x * 12; break;
    case 13: r = x ^ 13; break;
    case 14: r = x >> 14; break;
    case 15: r = x | 15; break;
    case 16: r = x & 16; break;
    case 17: r = x << 17; break;
    case 18: r = x + 0x18181818u; break;
    case 19: r = x * 19 + 1; break;
    case 20: for (int i = 0; i < 9; i++) { r = r * 0x3C6EF35Fu + 0x1B873593u; r ^= r >> 16; r += x ^ (uint32_t)i; r = (r << 11) | (r >> 21); r ^= 0xDEADBEEFu; r -= 0x0BADF00Du; r *= 7u; } break;
    default: r = 0xFFFFu; break;
    }
    return r;
}

/* ---- struct copies */
struct record {
    uint32_t id;
    int32_t values[9];
    uint16_t flags;
    uint8_t tag[6];
};
NOINLINE void copy_record(struct record *dst, const struct record *src) { *dst = *src; }
NOINLINE struct record make_record(uint32_t id)
{
    struct record r;
    r.id = id;
    for (int i = 0; i < 9; i++) {
        r.values[i] = (int32_t)(id * (uint32_t)(i + 1)) - 1000;
    }
    r.flags = (uint16_t)(id >> 3);
    for (int i = 0; i < 6; i++) {
        r.tag[i] = (uint8_t)(id + (uint32_t)i * 40u);
    }
    return r;
}
static uint32_t hash_record(const struct record *r)
{
    uint32_t h = r->id;
    for (int i = 0; i < 9; i++) {
        h = h * 31u + (uint32_t)r->values[i];
    }
    h = h * 31u + r->flags;
    for (int i = 0; i < 6; i++) {
        h = h * 31u + r->tag[i];
    }
    return h;
}

/* ---- strings */
NOINLINE uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) {
        h ^= (uint8_t)*s++;
        h *= 16777619u;
    }
    return h;
}
NOINLINE int utoa10(uint32_t v, char *out)
{
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v);
    for (int i = 0; i < n; i++) {
        out[i] = tmp[n - 1 - i];
    }
    out[n] = 0;
    return n;
}
NOINLINE void reverse_string(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n / 2; i++) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
}

#if defined(__ARM_FEATURE_DSP)
/* ---- DSP (Cortex-M4) */
static inline int32_t qdadd_(int32_t m, int32_t n)
{
    int32_t d;
    __asm__("qdadd %0, %1, %2" : "=r"(d) : "r"(m), "r"(n) : "cc");
    return d;
}
static inline int32_t smulbt_(int32_t n, int32_t m)
{
    int32_t d;
    __asm__("smulbt %0, %1, %2" : "=r"(d) : "r"(n), "r"(m));
    return d;
}
NOINLINE uint32_t dsp_mix(uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t r = 0;
    r ^= (uint32_t)__qadd((int32_t)a, (int32_t)b);
    r += (uint32_t)__qsub((int32_t)a, (int32_t)c);
    r ^= (uint32_t)qdadd_((int32_t)b, (int32_t)c) << 1;
    r += __sadd16(a, b);
    r ^= __uadd8(a, c);
    r += __sel(a, b);
    r ^= __ssub16(b, c);
    r += __usub8(c, a);
    r ^= __sel(c, a);
    r += __qadd16(a, c);
    r ^= __uqsub8(a, b);
    r += __shadd16(a, b);
    r ^= __uhsub8(c, b);
    r += __sasx(a, b);
    r ^= __usax(b, c);
    r += __usad8(a, b);
    r ^= __usada8(a, c, b);
    r += (uint32_t)__smuad(a, b);
    r ^= (uint32_t)__smlad(a, c, b);
    r += (uint32_t)__smusdx(b, c);
    r ^= (uint32_t)__smlabb((int32_t)a, (int32_t)b, (int32_t)c);
    r += (uint32_t)__smlatt((int32_t)b, (int32_t)c, (int32_t)a);
    r ^= (uint32_t)smulbt_((int32_t)a, (int32_t)c);
    r += (uint32_t)__smlawb((int32_t)a, (int32_t)b, (int32_t)c);
    r ^= __ssat16(a, 9);
    r += __usat16(b, 7);
    r ^= __uxtab16(a, b);
    r += __sxtb16(c);
    r ^= (uint32_t)__ssat((int32_t)c, 12);
    r += __usat((int32_t)b, 10);
    r ^= (uint32_t)__smlald(a, b, (int64_t)c);
    return r;
}

NOINLINE int32_t q15_dot(const int16_t *x, const int16_t *y, int n)
{
    int32_t acc = 0;
    for (int i = 0; i < n; i++) {
        acc += (int32_t)x[i] * y[i];
    }
    return acc;
}

NOINLINE void saturate_block(int16_t *dst, const int32_t *src, int n)
{
    for (int i = 0; i < n; i++) {
        int32_t v = src[i] >> 4;
        dst[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
    }
}

NOINLINE int32_t smmul_sum(const int32_t *a, const int32_t *b, int n)
{
    int32_t acc = 0;
    for (int i = 0; i < n; i++) {
        acc += (int32_t)(((int64_t)a[i] * b[i]) >> 32);
    }
    return acc;
}
#endif

int main(void)
{
    static uint8_t buf[300];
    static int32_t arr[48];
    static uint16_t arr16[40];
    seed = initial_seed;
    for (int i = 0; i < 300; i++) {
        buf[i] = (uint8_t)(rnd() >> 24);
    }
    put(crc32_bitwise(buf, 300));                     /* 0 */
    put(crc32_table(buf, 300));                       /* 1 */

    for (int i = 0; i < 48; i++) {
        arr[i] = (int32_t)rnd() >> 8;
    }
    insertion_sort(arr, 48);
    put(hash_i32(arr, 48));                           /* 2 */
    for (int i = 0; i < 40; i++) {
        arr16[i] = (uint16_t)(rnd() >> 16);
    }
    qsort(arr16, 40, sizeof arr16[0], compare_u16);
    uint32_t h = 0;
    for (int i = 0; i < 40; i++) {
        h = h * 131u + arr16[i];
    }
    put(h);                                           /* 3 */

    uint32_t hi = rnd();
    uint32_t lo = rnd();
    uint64_t a64 = ((uint64_t)hi << 32) | lo;
    hi = rnd() >> 12;
    lo = rnd();
    uint64_t b64 = ((uint64_t)hi << 32) | lo;
    uint64_t c64 = rnd() | 1u;
    uint64_t p = mul64(a64, b64);
    put((uint32_t)p);                                 /* 4 */
    put((uint32_t)(p >> 32));                         /* 5 */
    uint64_t q = udiv64(a64, b64 >> 5);
    put((uint32_t)q);                                 /* 6 */
    put((uint32_t)(q >> 32));                         /* 7 */
    q = udiv64(a64, c64);
    put((uint32_t)q ^ (uint32_t)(q >> 32));           /* 8 */
    put((uint32_t)umod64(a64, c64));                  /* 9 */
    int64_t s = sdiv64(-(int64_t)(a64 >> 2), (int64_t)c64 * 3);
    put((uint32_t)s);                                 /* 10 */
    put((uint32_t)((uint64_t)s >> 32));               /* 11 */
    put((uint32_t)smod64(-(int64_t)(a64 >> 1), (int64_t)(c64 + 17)));   /* 12 */
    put((uint32_t)(shl64(a64, (int)(rnd() & 63)) >> 16));                /* 13 */
    put((uint32_t)sar64(-(int64_t)a64, (int)(rnd() & 63)));              /* 14 */
    int32_t va[16], vb[16];
    for (int i = 0; i < 16; i++) {
        va[i] = (int32_t)rnd();
        vb[i] = (int32_t)rnd();
    }
    int64_t m = mac64(va, vb, 16);
    put((uint32_t)m);                                 /* 15 */
    put((uint32_t)((uint64_t)m >> 32));               /* 16 */
    put(fixmul_q16(va[0] >> 8, vb[1] >> 8));          /* 17 */

    uint32_t x = rnd(), y = rnd(), z = rnd();
    put(udiv32(x, y >> 20) ^ udiv32(y, 0));           /* 18 */
    put((uint32_t)(sdiv32((int32_t)x, (int32_t)z >> 16) + smod32((int32_t)y, (int32_t)z >> 20)));  /* 19 */
    put(popcount_loop(x) | (popcount_loop(y) << 8) | (popcount_loop(0) << 16));  /* 20 */
    put(bit_mix(x, (int)(y & 31)));                   /* 21 */
    put(reverse_bits(z));                             /* 22 */
    put(bitfields(x, y));                             /* 23 */
    put((uint32_t)clamp_i16((int32_t)x >> 12) ^ ((uint32_t)clamp_i16((int32_t)y >> 14) << 1) ^ (uint32_t)clamp_i16(1234)); /* 24 */
    put(clamp_u8((int32_t)z >> 22) | (clamp_u8(-5) << 8) | (clamp_u8(77) << 16));  /* 25 */
    put((uint32_t)abs_diff((int32_t)x, (int32_t)y) ^ select_chain(x, y, z));       /* 26 */

    uint32_t sw = 0;
    for (uint32_t k = 0; k < 14; k++) {
        sw = sw * 7u + dense_switch(k, x + k);
    }
    put(sw);                                          /* 27 */
    sw = 0;
    for (uint32_t k = 0; k < 23; k++) {
        sw = sw * 11u + long_switch(k, y ^ k);
    }
    put(sw);                                          /* 28 */

    struct record r1 = make_record(x), r2;
    copy_record(&r2, &r1);
    put(hash_record(&r2));                            /* 29 */
    struct record many[3];
    for (int i = 0; i < 3; i++) {
        many[i] = make_record(y + (uint32_t)i);
    }
    struct record tmp = many[0];
    many[0] = many[2];
    many[2] = tmp;
    put(hash_record(&many[0]) ^ hash_record(&many[1]) * 3u ^ hash_record(&many[2]) * 5u);  /* 30 */

    char text[64];
    int n = utoa10(x, text);
    put((uint32_t)n | (fnv1a(text) << 8));            /* 31 */
    strcpy(text + n, "-brickproof");
    reverse_string(text);
    put(fnv1a(text) ^ (uint32_t)strlen(text));       /* 32 */
    memset(text, 'a', 20);
    text[20] = 0;
    put((uint32_t)strcmp(text, "aaaaaaaaaaaaaaaaaaab") < 0x80000000u ? 1u : 2u);  /* 33: 2 (negative) */
    put((uint32_t)memcmp(buf, buf + 1, 16) == 0 ? 0u : 1u + (uint32_t)(memcmp(buf, buf, 16) == 0)); /* 34 */
    char *found = strchr("firmware update", 'u');
    put((uint32_t)(found ? found - "firmware update" : -1) + (uint32_t)strlen("firmware update")); /* 35 */

#if defined(__ARM_FEATURE_DSP)
    put(dsp_mix(x, y, z));                            /* 36 */
    put(dsp_mix(0x7FFF8000u, 0x7FFF7FFFu, 0x80010001u));   /* 37 */
    int16_t q1[24], q2[24];
    for (int i = 0; i < 24; i++) {
        q1[i] = (int16_t)rnd();
        q2[i] = (int16_t)(rnd() >> 7);
    }
    put((uint32_t)q15_dot(q1, q2, 24));               /* 38 */
    int32_t wide[20];
    int16_t narrow[20];
    for (int i = 0; i < 20; i++) {
        wide[i] = (int32_t)rnd() >> (i & 7);
    }
    saturate_block(narrow, wide, 20);
    uint32_t hs = 0;
    for (int i = 0; i < 20; i++) {
        hs = hs * 31u + (uint16_t)narrow[i];
    }
    put(hs);                                          /* 39 */
    put((uint32_t)smmul_sum(va, vb, 16));             /* 40 */
#endif
    return ri;
}
