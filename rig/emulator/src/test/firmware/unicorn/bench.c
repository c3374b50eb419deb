/* Benchmark workloads, one image each (selected at build time with -DWORKLOAD=...). They never end: the host
   runs them for a fixed number of instructions. */
#include <stdint.h>
#include "hostio.h"

#if WORKLOAD == 1
/* crc-loop: CRC-32 over a RAM buffer, again and again. */
static uint8_t buffer[1024];
volatile uint32_t crc_sink;

int main(void)
{
    uint32_t seed = 1;
    for (unsigned i = 0; i < sizeof buffer; i++) {
        seed = seed * 1103515245u + 12345u;
        buffer[i] = (uint8_t)(seed >> 16);
    }
    for (;;) {
        uint32_t crc = 0xFFFFFFFFu;
        for (unsigned i = 0; i < sizeof buffer; i++) {
            crc ^= buffer[i];
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1u));
            }
        }
        crc_sink = ~crc;
    }
}
#elif WORKLOAD == 2
/* uart-poll: wait for a received byte that never comes (status register polled through the bus). */
int main(void)
{
    for (;;) {
        while ((UART_SR & 0x20u) == 0) {
        }
        (void)UART_DR;
    }
}
#else
#error "WORKLOAD must be 1 (crc-loop) or 2 (uart-poll)"
#endif
