/*
 * Vendor-HAL-style test firmware for the emulator's board tests (our own code, written the way CubeMX/HAL
 * projects initialise an STM32: HAL_Init with a 1 ms SysTick time base, SystemClock_Config to the PLL, MX_*_Init,
 * HAL_DeInit before handing over). Linked at 0x08000000 (F103C8, or STM32L431RC with -DL4).
 * Prints "haltest <chip> len=<image bytes>" after SystemClock_Config (F1 72 MHz, L4 80 MHz), then obeys
 * one-letter commands on USART1 at 115200 8N1:
 *   c  CRC over the whole image with the CRC unit (HAL_CRC_Calculate style), zip convention → "crc <hex>"
 *   d  HAL_DeInit (force + release every RCC reset register), read USART1/GPIOA/CRC back, re-init the console
 *      → "deinit brr=<BRR> cr1=<CR1> gpio=<GPIOA CRH|MODER> crc=<CRC DR>"
 *   g  clock gating: CRC with CRCEN off and on, GPIOB with its clock off → "gate off=<DR> on=<DR> gpio=<reg>"
 *   k  (L4) USART1 kernel clock to HSI16 via RCC_CCIPR.USART1SEL, 38400 baud → "hsi16 38400" at the new rate
 *   w  HAL_UART_Receive-style wait (1 s timeout, SR polled from two places) → "rx <byte>" or "rx timeout <ms>"
 *   x  EXTI line 0 on PB0 (AFIO/SYSCFG EXTICR1), rising edge, IRQ 6: "exti armed", then after the edge
 *      → "exti <count> pr=<EXTI_PR>"
 *   i  HAL_UARTEx_ReceiveToIdle-style polled receive: bytes until IDLE → "idle n=<count> <bytes>" (1 s timeout)
 *   m  (F1) AFIO_MAPR.USART1_REMAP on with PB6 not set up: "lost" (no pin drives the wire); PB6 as AF output:
 *      "remapped"; remap off → "back" (the host, wired to USART1's pins, sees "remapped" and "back")
 *   t  timer time base (HAL_InitTick on TIM2 (F1) / TIM6 (L4)): 1 kHz update interrupt, WFI until 10
 *      → "tim <updates> ms=<SysTick ms>"
 */
#include "regs.h"
#include "common.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
int main(void);

static volatile uint32_t uwTick;
static uint32_t core_hz = CORE_HZ_RESET;

static void Default_Handler(void) { for (;;) { } }
static void SysTick_Handler(void) { uwTick++; }

static volatile uint32_t exti_count;
static volatile uint32_t tim_updates;

static void TIM_IRQHandler(void)                                /* HAL_TIM_IRQHandler, update event only */
{
    if (TIMB_SR & 1u) {
        TIMB_SR = ~1u;
        tim_updates++;
    }
}

static void EXTI0_IRQHandler(void)                              /* HAL_GPIO_EXTI_IRQHandler(GPIO_PIN_0) */
{
    if (EXTI_PR & 1u) {
        EXTI_PR = 1u;
        exti_count++;
    }
}

void Reset_Handler(void) __attribute__((noreturn));
void Reset_Handler(void)
{
    uint32_t *src = &_sidata, *dst = &_sdata;
    while (dst < &_edata) *dst++ = *src++;
    for (dst = &_sbss; dst < &_ebss; ) *dst++ = 0;
    main();
    for (;;) { }
}

__attribute__((section(".isr_vector"), used))
const uint32_t vectors[16 + 56] = {
    [0] = (uint32_t)(uintptr_t)&_estack,
    [1] = (uint32_t)(uintptr_t)Reset_Handler,
    [2] = (uint32_t)(uintptr_t)Default_Handler,
    [3] = (uint32_t)(uintptr_t)Default_Handler,
    [4] = (uint32_t)(uintptr_t)Default_Handler,
    [5] = (uint32_t)(uintptr_t)Default_Handler,
    [6] = (uint32_t)(uintptr_t)Default_Handler,
    [11] = (uint32_t)(uintptr_t)Default_Handler,
    [14] = (uint32_t)(uintptr_t)Default_Handler,
    [15] = (uint32_t)(uintptr_t)SysTick_Handler,
    [16 + 6] = (uint32_t)(uintptr_t)EXTI0_IRQHandler,
    [16 + TIMB_IRQ] = (uint32_t)(uintptr_t)TIM_IRQHandler,
};

/* ------------------------------------------------------------------ HAL-like time base */

static uint32_t HAL_GetTick(void) { return uwTick; }

static void HAL_InitTick(void)
{
    SYST_RVR = core_hz / 1000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = 7u;
}

/* ------------------------------------------------------------------ SystemClock_Config */

static void SystemClock_Config(void)
{
#if defined(L4)
    RCC_APB1ENR1 |= 1u << 28;                                   /* __HAL_RCC_PWR_CLK_ENABLE */
    PWR_CR1 = (PWR_CR1 & ~(3u << 9)) | (1u << 9);               /* voltage scaling range 1 */
    while (PWR_SR2 & (1u << 10)) { }                            /* VOSF */
    FLASH_ACR = (FLASH_ACR & ~7u) | 4u;
    RCC_PLLCFGR = 1u | (0u << 4) | (40u << 8) | (1u << 24);     /* MSI 4 MHz /1 x40 /2, PLLREN */
    RCC_CR |= 1u << 24;
    while (!(RCC_CR & (1u << 25))) { }
    RCC_CFGR = (RCC_CFGR & ~3u) | 3u;
    while (((RCC_CFGR >> 2) & 3u) != 3u) { }
    core_hz = 80000000u;
#else
    FLASH_ACR = (FLASH_ACR & ~7u) | 0x10u | 2u;                 /* prefetch, 2 wait states */
    RCC_CR |= 1u << 16;                                         /* HSEON */
    while (!(RCC_CR & (1u << 17))) { }
    RCC_CFGR = (RCC_CFGR & ~((0xFu << 18) | (1u << 16) | (7u << 8))) | (7u << 18) | (1u << 16) | (4u << 8);
    RCC_CR |= 1u << 24;                                         /* PLLON */
    while (!(RCC_CR & (1u << 25))) { }
    RCC_CFGR = (RCC_CFGR & ~3u) | 2u;
    while (((RCC_CFGR >> 2) & 3u) != 2u) { }
    core_hz = 72000000u;
#endif
    HAL_InitTick();
}

/* ------------------------------------------------------------------ CRC (HAL_CRC_Calculate style) */

static void MX_CRC_Init(void)
{
    RCC_CRCEN_REG |= RCC_CRCEN_BIT;
#if defined(L4)
    CRC_INIT = 0xFFFFFFFFu;
    CRC_POL = 0x04C11DB7u;
    CRC_CR = (3u << 5) | (1u << 7);                             /* REV_IN by word, REV_OUT, 32-bit polynomial */
#endif
}

static uint32_t image_length(void)
{
    return (uint32_t)(uintptr_t)&_sidata - 0x08000000u
         + (uint32_t)((uintptr_t)&_edata - (uintptr_t)&_sdata);
}

/* The zip CRC-32 of [0x08000000, +len): the unit's MSB-first CRC with reflected input and output. */
static uint32_t crc_image(uint32_t len)
{
    const volatile uint32_t *p = (const volatile uint32_t *)0x08000000u;
    uint32_t i, v;
    CRC_CR |= 1u;                                               /* __HAL_CRC_DR_RESET */
    for (i = 0; i < len / 4u; i++) {
#if defined(L4)
        CRC_DR = p[i];
#else
        __asm volatile ("rbit %0, %1" : "=r" (v) : "r" (p[i]));
        CRC_DR = v;
#endif
    }
    v = CRC_DR;
#if !defined(L4)
    __asm volatile ("rbit %0, %1" : "=r" (v) : "r" (v));
#endif
    return ~v;
}

/* ------------------------------------------------------------------ HAL_DeInit */

static void HAL_DeInit(void)
{
#if defined(L4)
    RCC_AHB1RSTR = 0xFFFFFFFFu; RCC_AHB1RSTR = 0;
    RCC_AHB2RSTR = 0xFFFFFFFFu; RCC_AHB2RSTR = 0;
    RCC_AHB3RSTR = 0xFFFFFFFFu; RCC_AHB3RSTR = 0;
    RCC_APB1RSTR1 = 0xFFFFFFFFu; RCC_APB1RSTR1 = 0;
    RCC_APB1RSTR2 = 0xFFFFFFFFu; RCC_APB1RSTR2 = 0;
    RCC_APB2RSTR = 0xFFFFFFFFu; RCC_APB2RSTR = 0;
#else
    RCC_APB1RSTR = 0xFFFFFFFFu; RCC_APB1RSTR = 0;
    RCC_APB2RSTR = 0xFFFFFFFFu; RCC_APB2RSTR = 0;
#endif
}

static void cmd_deinit(void)
{
    uint32_t brr, cr1, gpio, crc;
    flush_tx();
    HAL_DeInit();
    brr = USART_BRR;
    cr1 = USART_CR1;
#if defined(L4)
    gpio = GPIOA_MODER;
#else
    gpio = GPIOA_CRH;
#endif
    crc = CRC_DR;
    uart_init(core_hz);                                          /* the app's MX_USART1_UART_Init */
    puts_("deinit brr="); puthex(brr, 8);
    puts_(" cr1=");       puthex(cr1, 8);
    puts_(" gpio=");      puthex(gpio, 8);
    puts_(" crc=");       puthex(crc, 8);
    puts_("\r\n");
}

/* ------------------------------------------------------------------ clock gating */

static void cmd_gate(void)
{
    uint32_t off, on, gpio;
    RCC_CRCEN_REG &= ~RCC_CRCEN_BIT;
    CRC_CR = 1u;
    CRC_DR = 0x12345678u;                                       /* no clock: ignored */
    off = CRC_DR;                                               /* no clock: reads 0 */
    RCC_CRCEN_REG |= RCC_CRCEN_BIT;
    on = CRC_DR;
#if defined(L4)
    RCC_AHB2ENR &= ~(1u << 1);                                  /* GPIOB clock off */
    GPIOB_MODER = 0x55555555u;
    RCC_AHB2ENR |= 1u << 1;
    gpio = GPIOB_MODER;
#else
    RCC_APB2ENR &= ~(1u << 3);                                  /* IOPB clock off */
    GPIOB_CRL = 0x22222222u;
    RCC_APB2ENR |= 1u << 3;
    gpio = GPIOB_CRL;
#endif
    puts_("gate off="); puthex(off, 8);
    puts_(" on=");      puthex(on, 8);
    puts_(" gpio=");    puthex(gpio, 8);
    puts_("\r\n");
}

#if defined(L4)
static void cmd_hsi16(void)
{
    flush_tx();
    RCC_CR |= 1u << 8;                                          /* HSION */
    while (!(RCC_CR & (1u << 10))) { }
    USART_CR1 = 0;
    RCC_CCIPR = (RCC_CCIPR & ~3u) | 2u;                         /* USART1SEL = HSI16 */
    USART_BRR = (16000000u + 19200u) / 38400u;
    USART_CR1 = USART_CR1_ON;
    puts_("hsi16 38400\r\n");
}
#endif

/* ------------------------------------------------------------------ HAL_UART_Receive-style wait */

#define HAL_TIMEOUT 3

/* UART_WaitOnFlagUntilTimeout: the flag and the error flags are read from two different places. */
static int wait_rxne(uint32_t start, uint32_t timeout)
{
    while (!(USART_ISR & ISR_RXNE)) {
        if ((HAL_GetTick() - start) > timeout) return HAL_TIMEOUT;
        if (USART_ISR & ISR_ORE) {
#if defined(L4)
            USART_ICR = ISR_ORE;
#else
            (void)USART_RDR;
#endif
        }
    }
    return 0;
}

static void cmd_wait(void)
{
    uint32_t start = HAL_GetTick();
    if (wait_rxne(start, 1000u) == HAL_TIMEOUT) {
        puts_("rx timeout ");
        putdec(HAL_GetTick() - start);
        puts_("\r\n");
        return;
    }
    puts_("rx ");
    putc_((char)USART_RDR);
    puts_("\r\n");
}

/* ------------------------------------------------------------------ EXTI (HAL_GPIO_Init with GPIO_MODE_IT_RISING) */

static void cmd_exti(void)
{
    uint32_t start;
#if defined(L4)
    RCC_AHB2ENR |= 1u << 1;                                     /* GPIOB */
    RCC_APB2ENR |= 1u;                                          /* SYSCFG */
    GPIOB_MODER &= ~3u;                                         /* PB0 input */
    GPIOB_PUPDR = (GPIOB_PUPDR & ~3u) | 2u;                     /* pull-down */
    SYSCFG_EXTICR1 = (SYSCFG_EXTICR1 & ~0xFu) | 1u;             /* line 0 from port B */
#else
    RCC_APB2ENR |= (1u << 3) | 1u;                              /* IOPB, AFIO */
    GPIOB_CRL = (GPIOB_CRL & ~0xFu) | 0x8u;                     /* PB0 input with pull-up/down */
    GPIOB_ODR &= ~1u;                                           /* pull-down */
    AFIO_EXTICR1 = (AFIO_EXTICR1 & ~0xFu) | 1u;                 /* line 0 from port B */
#endif
    EXTI_RTSR |= 1u;
    EXTI_FTSR &= ~1u;
    EXTI_IMR |= 1u;
    exti_count = 0;
    NVIC_ISER0 = 1u << 6;
    puts_("exti armed\r\n");
    start = HAL_GetTick();
    while (exti_count == 0 && HAL_GetTick() - start < 1000u) __asm volatile ("wfi");
    puts_("exti ");
    putdec(exti_count);
    puts_(" pr=");
    puthex(EXTI_PR, 8);
    puts_("\r\n");
}

/* ------------------------------------------------------------------ receive to idle */

static void cmd_idle(void)
{
    char buf[17];
    uint32_t n = 0, start;
    uint32_t sr;
    puts_("idle armed\r\n");
    flush_tx();                                                 /* the command byte's own IDLE has come by now */
#if defined(L4)
    USART_ICR = ISR_IDLE | ISR_ORE;
#else
    (void)USART_ISR; (void)USART_RDR;                            /* clear IDLE/ORE: SR then DR */
#endif
    start = HAL_GetTick();
    for (;;) {
        sr = USART_ISR;
        if (sr & ISR_RXNE) {
            char c = (char)USART_RDR;
            if (n < 16u) buf[n++] = c;
        } else if (sr & ISR_IDLE) {
            break;
        } else if (HAL_GetTick() - start > 1000u) {
            puts_("idle timeout\r\n");
            return;
        }
    }
#if defined(L4)
    USART_ICR = ISR_IDLE;
#else
    (void)USART_RDR;
#endif
    buf[n] = 0;
    puts_("idle n=");
    putdec(n);
    puts_(" ");
    puts_(buf);
    puts_("\r\n");
}

static void cmd_timer(void)
{
    uint32_t start;
    TIMB_RCC_ENR |= TIMB_RCC_BIT;
    TIMB_PSC = core_hz / 1000000u - 1u;                         /* 1 MHz counter (APB1 timer clock = HCLK) */
    TIMB_ARR = 999u;                                            /* 1 ms period */
    TIMB_EGR = 1u;                                              /* UG: load PSC */
    TIMB_SR = 0;
    TIMB_DIER = 1u;                                             /* UIE */
    NVIC_ISER_TIMB = 1u << (TIMB_IRQ % 32u);
    tim_updates = 0;
    start = HAL_GetTick();
    TIMB_CR1 = 1u;                                              /* CEN */
    while (tim_updates < 10u && HAL_GetTick() - start < 100u) __asm volatile ("wfi");
    TIMB_CR1 = 0;
    puts_("tim ");
    putdec(tim_updates);
    puts_(" ms=");
    putdec(HAL_GetTick() - start);
    puts_("\r\n");
}

#if !defined(L4)
static void cmd_remap(void)
{
    flush_tx();
    RCC_APB2ENR |= (1u << 3) | 1u;                              /* IOPB, AFIO */
    AFIO_MAPR |= 1u << 2;                                       /* USART1_REMAP, PB6 still a floating input */
    puts_("lost\r\n");
    flush_tx();
    GPIOB_CRL = (GPIOB_CRL & ~0xFF000000u) | 0x4B000000u;       /* PB6 AF push-pull, PB7 input */
    puts_("remapped\r\n");
    flush_tx();
    AFIO_MAPR &= ~(1u << 2);
    puts_("back\r\n");
}
#endif

/* HAL_FLASH_Unlock + HAL_FLASH_OB_Unlock + HAL_FLASHEx_OBProgram(OB_RDP_LEVEL_1) + HAL_FLASH_OB_Launch: read
 * protection from the next option-byte load (F1: the option bytes erased, RDP programmed 0x00, launched by a system
 * reset; L4: OPTR.RDP = 0xBB stored by OPTSTRT, launched by OBL_LAUNCH). */
static void cmd_protect(void)
{
    flush_tx();
    FLASH_KEYR = 0x45670123u;
    FLASH_KEYR = 0xCDEF89ABu;
    FLASH_OPTKEYR = FLASH_OPTKEY1;
    FLASH_OPTKEYR = FLASH_OPTKEY2;
    while (FLASH_SR & FLASH_SR_BSY) { }
#if defined(L4)
    FLASH_OPTR = (FLASH_OPTR & ~0xFFu) | 0xBBu;
    FLASH_CR |= FLASH_CR_OPTSTRT;
    while (FLASH_SR & FLASH_SR_BSY) { }
    puts_("rdp 1 stored optr=");
    puthex(FLASH_OPTR, 8);
    puts_("\r\n");
    flush_tx();
    FLASH_CR |= FLASH_CR_OBL_LAUNCH;
#else
    FLASH_CR |= FLASH_CR_OPTER;
    FLASH_CR |= FLASH_CR_STRT;
    while (FLASH_SR & FLASH_SR_BSY) { }
    FLASH_CR &= ~FLASH_CR_OPTER;
    FLASH_CR |= FLASH_CR_OPTPG;
    OB_RDP = 0x0000u;
    while (FLASH_SR & FLASH_SR_BSY) { }
    FLASH_CR &= ~FLASH_CR_OPTPG;
    puts_("rdp 1 stored optr=");
    puthex(OB_RDP, 8);
    puts_("\r\n");
    flush_tx();
    SCB_AIRCR = 0x05FA0004u;
#endif
    for (;;) { }
}

int main(void)
{
    HAL_InitTick();
    SystemClock_Config();
    uart_init(core_hz);
    MX_CRC_Init();
    puts_("haltest " CHIP " len=");
    putdec(image_length());
    puts_("\r\n");
    for (;;) {
        switch (getc_()) {
        case 'c': puts_("crc "); puthex(crc_image(image_length()), 8); puts_("\r\n"); break;
        case 'd': cmd_deinit(); break;
        case 'g': cmd_gate(); break;
#if defined(L4)
        case 'k': cmd_hsi16(); break;
#endif
        case 'w': cmd_wait(); break;
        case 'x': cmd_exti(); break;
        case 'i': cmd_idle(); break;
        case 't': cmd_timer(); break;
        case 'p': cmd_protect(); break;
#if !defined(L4)
        case 'm': cmd_remap(); break;
#endif
        default: break;
        }
    }
}
