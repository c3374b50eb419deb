/* The host's devices, the same on both engines: a UART whose data-register writes are recorded and an exit
   register that ends the run. No interrupts anywhere. */
#ifndef HOSTIO_H
#define HOSTIO_H
#include <stdint.h>

#define UART_SR   (*(volatile uint32_t *)0x40013800u) /* bit 7 TXE reads 1, bit 5 RXNE reads 0 */
#define UART_DR   (*(volatile uint32_t *)0x40013804u)
#define HOST_EXIT (*(volatile uint32_t *)0x40013FF0u)

static inline void uart_putc(char c)
{
    while ((UART_SR & 0x80u) == 0) {
    }
    UART_DR = (uint8_t)c;
}

static inline void uart_puts(const char *s)
{
    while (*s) {
        uart_putc(*s++);
    }
}

#endif
