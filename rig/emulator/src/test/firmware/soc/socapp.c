/*
 * SoC test app, linked at 0x08004000: relocates VTOR to its own table, takes SysTick interrupts through
 * it, then sleeps. Prints "socapp vtor=<VTOR>" then "socapp ticks=5".
 */
#include "regs.h"
#include "common.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
extern const uint32_t app_vectors[];
static volatile uint32_t ticks;

static void Default_Handler(void) { for (;;) { } }
static void SysTick_Handler(void) { ticks++; }

int main(void);
void Reset_Handler(void) __attribute__((noreturn));
void Reset_Handler(void)
{
    uint32_t *src = &_sidata, *dst = &_sdata;
    while (dst < &_edata) *dst++ = *src++;
    for (dst = &_sbss; dst < &_ebss; ) *dst++ = 0;
    SCB_VTOR = (uint32_t)(uintptr_t)app_vectors;
    main();
    for (;;) { }
}

__attribute__((section(".isr_vector"), used))
const uint32_t app_vectors[16] = {
    [0] = (uint32_t)(uintptr_t)&_estack,
    [1] = (uint32_t)(uintptr_t)Reset_Handler,
    [2] = (uint32_t)(uintptr_t)Default_Handler,
    [3] = (uint32_t)(uintptr_t)Default_Handler,
    [15] = (uint32_t)(uintptr_t)SysTick_Handler,
};

int main(void)
{
    uart_init(CORE_HZ_RESET);
    puts_("socapp vtor=");
    puthex(SCB_VTOR, 8);
    puts_("\r\n");
    SYST_RVR = CORE_HZ_RESET / 1000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = 7u;
    while (ticks < 5u) __asm volatile ("wfi");
    puts_("socapp ticks=");
    putdec(ticks);
    puts_("\r\n");
    for (;;) __asm volatile ("wfi");
}
