/* USART1 and formatting helpers shared by soctest and socapp. */
#include "regs.h"
#include "common.h"

void uart_init(uint32_t core_hz)
{
#if defined(L4)
    RCC_AHB2ENR |= 1u;                 /* GPIOA */
    RCC_APB2ENR |= 1u << 14;           /* USART1 */
    GPIOA_AFRH = (GPIOA_AFRH & ~0xFF0u) | 0x770u;
    GPIOA_MODER = (GPIOA_MODER & ~(0xFu << 18)) | (0xAu << 18);
#else
    RCC_APB2ENR |= (1u << 2) | (1u << 0) | (1u << 14);   /* IOPA, AFIO, USART1 */
    GPIOA_CRH = (GPIOA_CRH & ~0xFF0u) | 0x4B0u;
#endif
    USART_CR1 = 0;
    USART_BRR = (core_hz + 57600u) / 115200u;
    USART_CR1 = USART_CR1_ON;
}

void putc_(char c)
{
    while (!(USART_ISR & ISR_TXE)) { }
    USART_TDR = (uint8_t)c;
}

void puts_(const char *s)
{
    while (*s) putc_(*s++);
}

void puthex(uint32_t v, int digits)
{
    static const char h[] = "0123456789ABCDEF";
    while (digits--) putc_(h[(v >> (4 * digits)) & 0xFu]);
}

void putdec(uint32_t v)
{
    char b[11];
    int i = 10;
    b[i] = 0;
    do { b[--i] = (char)('0' + v % 10u); v /= 10u; } while (v);
    puts_(&b[i]);
}

void flush_tx(void)
{
    while (!(USART_ISR & ISR_TC)) { }
}

int getc_(void)
{
    for (;;) {
        uint32_t sr = USART_ISR;
        if (sr & ISR_RXNE) return (int)(USART_RDR & 0xFFu);
#if defined(L4)
        if (sr & ISR_ORE) USART_ICR = ISR_ORE;
#else
        if (sr & ISR_ORE) (void)USART_DR;
#endif
    }
}
