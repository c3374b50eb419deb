/* Reset: copy .data, clear .bss, run main, report its result through the exit register. */
#include <stddef.h>
#include <stdint.h>
#include "hostio.h"

extern uint32_t __data_load, __data_start, __data_end, __bss_start, __bss_end, __stack_top;
int main(void);

void reset_handler(void)
{
    uint32_t *src = &__data_load;
    for (uint32_t *dst = &__data_start; dst < &__data_end;) {
        *dst++ = *src++;
    }
    for (uint32_t *dst = &__bss_start; dst < &__bss_end;) {
        *dst++ = 0;
    }
    HOST_EXIT = (uint32_t)main();
    for (;;) {
    }
}

/* Only the stack pointer and the reset vector: nothing here takes an exception. */
__attribute__((section(".vectors"), used)) static const void *const vectors[2] = {
    &__stack_top,
    (const void *)reset_handler,
};

/* newlib-nano needs a heap for nothing we call, but give it one that works. */
extern char end;
void *_sbrk(ptrdiff_t increment)
{
    static char *brk = &end;
    char *previous = brk;
    brk += increment;
    return previous;
}
