#ifndef SOC_COMMON_H
#define SOC_COMMON_H
#include <stdint.h>
void uart_init(uint32_t core_hz);
void putc_(char c);
void puts_(const char *s);
void puthex(uint32_t v, int digits);
void putdec(uint32_t v);
void flush_tx(void);
int getc_(void);
#endif
