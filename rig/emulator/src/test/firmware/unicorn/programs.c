/* Whole-program differential workload: ordinary C compiled at -O0/-O2/-Os, exercising what gcc and newlib
   actually emit (IT blocks, LDRD/STRD, TBB/TBH, UDIV, long multiplies, soft-float, newlib's memcpy/strlen).
   Every result goes out through the UART; main's return value ends the run. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hostio.h"

static uint8_t buffer[2048];
static int32_t numbers[300];
static char line[128];

static uint32_t lcg_state = 12345u;

static uint32_t lcg(void)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state;
}

static uint32_t crc32(const uint8_t *data, size_t length)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < length; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1u));
        }
    }
    return ~crc;
}

static int compare_ints(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a;
    int32_t y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static void insertion_sort(int32_t *v, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t key = v[i];
        int j = i - 1;
        while (j >= 0 && v[j] > key) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = key;
    }
}

/* MD5 (RFC 1321), straightforward. */
static const uint32_t md5_k[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
static const uint8_t md5_r[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                  5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                  6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};

static void md5_block(uint32_t h[4], const uint8_t *p)
{
    uint32_t w[16];
    for (int i = 0; i < 16; i++) {
        w[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16
               | (uint32_t)p[4 * i + 3] << 24;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; i++) {
        uint32_t f;
        int g;
        switch (i / 16) {
        case 0: f = (b & c) | (~b & d); g = i; break;
        case 1: f = (d & b) | (~d & c); g = (5 * i + 1) % 16; break;
        case 2: f = b ^ c ^ d; g = (3 * i + 5) % 16; break;
        default: f = c ^ (b | ~d); g = (7 * i) % 16; break;
        }
        uint32_t t = d;
        d = c;
        c = b;
        uint32_t x = a + f + md5_k[i] + w[g];
        b = b + ((x << md5_r[i]) | (x >> (32 - md5_r[i])));
        a = t;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
}

static void md5(const uint8_t *msg, size_t length, uint8_t out[16])
{
    uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    uint8_t block[64];
    size_t done = 0;
    while (length - done >= 64) {
        md5_block(h, msg + done);
        done += 64;
    }
    size_t rest = length - done;
    memset(block, 0, sizeof block);
    memcpy(block, msg + done, rest);
    block[rest] = 0x80;
    if (rest >= 56) {
        md5_block(h, block);
        memset(block, 0, sizeof block);
    }
    uint64_t bits = (uint64_t)length * 8;
    for (int i = 0; i < 8; i++) {
        block[56 + i] = (uint8_t)(bits >> (8 * i));
    }
    md5_block(h, block);
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
            out[4 * i + j] = (uint8_t)(h[i] >> (8 * j));
        }
    }
}

static void hex_line(const char *label, const uint8_t *bytes, int n)
{
    uart_puts(label);
    for (int i = 0; i < n; i++) {
        snprintf(line, sizeof line, "%02x", bytes[i]);
        uart_puts(line);
    }
    uart_putc('\n');
}

static uint32_t checksum(const int32_t *v, int n)
{
    uint32_t sum = 0;
    for (int i = 0; i < n; i++) {
        sum = sum * 31u + (uint32_t)v[i];
    }
    return sum;
}

int main(void)
{
    uart_puts("brickproof whole-program differential\n");

    for (size_t i = 0; i < sizeof buffer; i++) {
        buffer[i] = (uint8_t)(lcg() >> 24);
    }
    snprintf(line, sizeof line, "crc32 %08lx\n", (unsigned long)crc32(buffer, sizeof buffer));
    uart_puts(line);

    static const char quick[] = "The quick brown fox jumps over the lazy dog";
    uint8_t digest[16];
    md5((const uint8_t *)quick, strlen(quick), digest);
    hex_line("md5 ", digest, 16);
    md5(buffer, 1000, digest);
    hex_line("md5 ", digest, 16);

    for (int i = 0; i < 300; i++) {
        numbers[i] = (int32_t)lcg() >> (i % 7);
    }
    qsort(numbers, 150, sizeof numbers[0], compare_ints);
    insertion_sort(numbers + 150, 150);
    snprintf(line, sizeof line, "sorted %ld %ld %ld %08lx\n", (long)numbers[0], (long)numbers[149],
             (long)numbers[299], (unsigned long)checksum(numbers, 300));
    uart_puts(line);

    int64_t wide = 1;
    uint64_t quotient = 0;
    for (int i = 1; i < 40; i++) {
        wide = wide * 3 - i;
        quotient += (uint64_t)wide / (uint64_t)(i * 7 + 1) + (uint64_t)(wide % 1000);
    }
    /* newlib-nano's printf has no %lld: print the halves */
    snprintf(line, sizeof line, "wide %08lx%08lx %08lx%08lx\n", (unsigned long)((uint64_t)wide >> 32),
             (unsigned long)wide, (unsigned long)(quotient >> 32), (unsigned long)quotient);
    uart_puts(line);

    double acc = 0.5;
    float single = 1.25f;
    for (int i = 1; i < 60; i++) {
        acc = acc * 1.0625 + (double)i / 3.0 - (acc > 1000.0 ? acc / 7.0 : 0.0);
        single = single * 0.875f + (float)i;
    }
    snprintf(line, sizeof line, "float %ld %ld %ld\n", (long)acc, (long)(acc * 1e6) % 1000000,
             (long)(single * 1000.0f));
    uart_puts(line);

    for (int i = -3; i <= 3; i++) {
        snprintf(line, sizeof line, "fmt [%5d] [%-4x] [%+d] [%s] [%c] [%u]\n", i * 1234, (unsigned)(i & 0xFFF),
                 i, i < 0 ? "neg" : "pos", 'A' + i + 3, (unsigned)i);
        uart_puts(line);
    }
    return (int)(crc32((const uint8_t *)numbers, sizeof numbers) & 0x7FFFFFFF);
}
