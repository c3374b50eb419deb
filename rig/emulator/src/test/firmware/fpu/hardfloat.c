/*
 * Hard-float reference image for the STM32L431 (Cortex-M4F), built as CubeIDE builds L4 projects:
 * -mfloat-abi=hard -mfpu=fpv4-sp-d16, SystemInit enables CP10/CP11 before anything else runs.
 * main() does float arithmetic (division, fused multiply-add, square root, a denormal result, conversions)
 * while the SysTick handler does float arithmetic too (lazy stacking of the FP context), then prints every
 * result as bits over USART1 (115200 8N1 at the 4 MHz MSI reset clock) for HardFloatFirmwareTest.
 */
#include <stdint.h>

#define REG32(a) (*(volatile uint32_t *)(a))
#define SCB_CPACR    REG32(0xE000ED88u)
#define SYST_CSR     REG32(0xE000E010u)
#define SYST_RVR     REG32(0xE000E014u)
#define SYST_CVR     REG32(0xE000E018u)
#define RCC_AHB2ENR  REG32(0x4002104Cu)
#define RCC_APB2ENR  REG32(0x40021060u)
#define GPIOA_MODER  REG32(0x48000000u)
#define GPIOA_AFRH   REG32(0x48000024u)
#define USART_CR1    REG32(0x40013800u)
#define USART_BRR    REG32(0x4001380Cu)
#define USART_ISR    REG32(0x4001381Cu)
#define USART_TDR    REG32(0x40013828u)
#define ISR_TXE      (1u << 7)
#define ISR_TC       (1u << 6)

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;

static volatile uint32_t ticks;
static volatile float tick_sum;
/* Inputs the compiler cannot fold away. */
static volatile float in_two = 2.0f, in_a = 1.0000001f, in_b = 0.9999999f, in_c = -1.0f, in_tiny = 1e-38f,
                      in_thousand = 1000.0f, in_neg = -7.9f;

void SystemInit(void)
{
    SCB_CPACR |= (3u << 20) | (3u << 22);  /* CP10, CP11 full access, as CMSIS SystemInit does */
    __asm volatile ("dsb\n\tisb" ::: "memory");
}

void SysTick_Handler(void)
{
    tick_sum = tick_sum + 0.5f;
    ticks = ticks + 1;
}

static void putc_(char c)
{
    while (!(USART_ISR & ISR_TXE)) { }
    USART_TDR = (uint8_t)c;
}

static void puts_(const char *s)
{
    while (*s) putc_(*s++);
}

static void puthex(uint32_t v)
{
    static const char h[] = "0123456789ABCDEF";
    for (int i = 7; i >= 0; i--) putc_(h[(v >> (4 * i)) & 0xFu]);
}

static uint32_t bits(float f)
{
    union { float f; uint32_t u; } x = { f };
    return x.u;
}

static void field(const char *name, uint32_t v)
{
    puts_(" ");
    puts_(name);
    puts_("=");
    puthex(v);
}

int main(void)
{
    RCC_AHB2ENR |= 1u;                 /* GPIOA */
    RCC_APB2ENR |= 1u << 14;           /* USART1 */
    GPIOA_AFRH = (GPIOA_AFRH & ~0xFF0u) | 0x770u;
    GPIOA_MODER = (GPIOA_MODER & ~(0xFu << 18)) | (0xAu << 18);
    USART_BRR = (4000000u + 57600u) / 115200u;
    USART_CR1 = (1u << 0) | (1u << 2) | (1u << 3);

    SYST_RVR = 999;                    /* an interrupt every 1000 cycles, in the middle of the float loop */
    SYST_CVR = 0;
    SYST_CSR = 7;

    float pi = 0.0f;                   /* Leibniz series, 2000 terms, in this order */
    for (int i = 0; i < 2000; i++) {
        float term = (i & 1 ? -4.0f : 4.0f) / (float)(2 * i + 1);
        pi = pi + term;
    }
    SYST_CSR = 0;

    float root = __builtin_sqrtf(in_two);
    float fused = __builtin_fmaf(in_a, in_b, in_c);
    float tiny = in_tiny / in_thousand;
    int32_t truncated = (int32_t)in_neg;
    uint32_t n = ticks;

    puts_("hardfloat");
    field("pi", bits(pi));
    field("sqrt2", bits(root));
    field("fma", bits(fused));
    field("tiny", bits(tiny));
    field("trunc", (uint32_t)truncated);
    field("ticks", n);
    field("ticksum", bits(tick_sum));
    puts_("\r\n");
    while (!(USART_ISR & ISR_TC)) { }
    for (;;) {
        __asm volatile ("wfi");
    }
}

void Reset_Handler(void)
{
    SystemInit();
    uint32_t *src = &_sidata;
    for (uint32_t *dst = &_sdata; dst < &_edata;) *dst++ = *src++;
    for (uint32_t *dst = &_sbss; dst < &_ebss;) *dst++ = 0;
    main();
}

void Default_Handler(void)
{
    for (;;) { }
}

__attribute__((section(".isr_vector"), used))
static void (*const vectors[16])(void) = {
    (void (*)(void))&_estack, Reset_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, 0, 0, 0, 0, Default_Handler, 0, 0, Default_Handler, SysTick_Handler,
};
