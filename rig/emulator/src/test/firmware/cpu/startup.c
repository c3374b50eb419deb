/* Reset for the C corpus: copy .data, clear .bss, run main, set the done marker, spin. */
#include <stddef.h>
#include <stdint.h>

extern uint32_t __data_load, __data_start, __data_end, __bss_start, __bss_end, __stack_top;
int main(void);

#define DONE (*(volatile uint32_t *)0x20000100u)

void reset_handler(void)
{
    uint32_t *src = &__data_load;
    for (uint32_t *dst = &__data_start; dst < &__data_end;) {
        *dst++ = *src++;
    }
    for (uint32_t *dst = &__bss_start; dst < &__bss_end;) {
        *dst++ = 0;
    }
    int count = main();
    DONE = 0xD0E00000u | (uint32_t)count;
    for (;;) {
    }
}

__attribute__((section(".vectors"), used)) static const void *const vectors[2] = {
    &__stack_top,
    (const void *)reset_handler,
};

extern char end;
void *_sbrk(ptrdiff_t increment)
{
    static char *brk = &end;
    char *previous = brk;
    brk += increment;
    return previous;
}
