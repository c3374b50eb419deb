/*
 * SoC test firmware for the emulator's board tests. Linked at 0x08000000 (F103C8, or STM32L431RC with -DL4).
 * Prints "soctest <chip> csr=<RCC_CSR>" at every boot, clears the reset flags, then obeys one-letter
 * commands on USART1 (115200 8N1 at the reset clock):
 *   p  ping → "pong"
 *   r  software reset through AIRCR (0x05FA0004)
 *   t  SysTick interrupt at 1 kHz, WFI until 10 ticks → "ticks 10"
 *   w  start the IWDG with a ~10 ms timeout and spin (the board must reset with IWDGRSTF)
 *   j  jump to the app at 0x08004000 (MSP from its vector table, then its reset handler)
 *   f  flash rules: erase the test page, program, reprogram, zero-over → "F ..." with values and SR
 *   g  erase the test page and program 4 units of a pattern → "g done" (for power-cut tests)
 *   e  read the 4 units written by g; L4 counts ECC NMIs → "E nmi=<n> eccr=<ECCR> sum=<sum>"
 *   o  erase the test page (core stalled ~20-30 ms), then report USART status → "O sr=<SR>"
 *   u  RX interrupt mode: the USART1 IRQ handler echoes every byte + 1; 'q' leaves
 *   c  switch to the PLL (F1 72 MHz from HSE, L4 80 MHz from MSI), re-time the USART → "clk <MHz>"
 *   l  toggle the LED (PC13 on F1, PA5 on L4)
 *   k  report the key on PA0 (pull-down on L4) → "key <0|1>"
 */
#include "regs.h"
#include "common.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
int main(void);

static volatile uint32_t ticks;
static volatile uint32_t nmi_count;
static volatile uint32_t last_eccr;
static volatile uint32_t rx_mode_done;
static uint32_t core_hz = CORE_HZ_RESET;

static void Default_Handler(void) { for (;;) { } }

static void NMI_Handler(void)
{
#if defined(L4)
    last_eccr = FLASH_ECCR;
    FLASH_ECCR = last_eccr;            /* write 1 to ECCD/ECCC clears them */
#endif
    nmi_count++;
}

static void SysTick_Handler(void) { ticks++; }

static void USART1_Handler(void)
{
    if (USART_ISR & ISR_RXNE) {
        uint8_t c = (uint8_t)USART_RDR;
        if (c == 'q') {
            rx_mode_done = 1;
            return;
        }
        while (!(USART_ISR & ISR_TXE)) { }
        USART_TDR = (uint8_t)(c + 1u);
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
const uint32_t vectors[16 + 38] = {
    [0] = (uint32_t)(uintptr_t)&_estack,
    [1] = (uint32_t)(uintptr_t)Reset_Handler,
    [2] = (uint32_t)(uintptr_t)NMI_Handler,
    [3] = (uint32_t)(uintptr_t)Default_Handler,
    [4] = (uint32_t)(uintptr_t)Default_Handler,
    [5] = (uint32_t)(uintptr_t)Default_Handler,
    [6] = (uint32_t)(uintptr_t)Default_Handler,
    [11] = (uint32_t)(uintptr_t)Default_Handler,
    [14] = (uint32_t)(uintptr_t)Default_Handler,
    [15] = (uint32_t)(uintptr_t)SysTick_Handler,
    [16 + 37] = (uint32_t)(uintptr_t)USART1_Handler,
};

static void flash_unlock(void)
{
    if (FLASH_CR & FLASH_CR_LOCK) {
        FLASH_KEYR = 0x45670123u;
        FLASH_KEYR = 0xCDEF89ABu;
    }
}

static void flash_wait(void)
{
    while (FLASH_SR & FLASH_SR_BSY) { }
}

static uint32_t flash_erase_test_page(void)
{
    uint32_t sr;
    flash_unlock();
    flash_wait();
    FLASH_SR = FLASH_SR_ERR | 1u | (1u << 5);
#if defined(L4)
    FLASH_CR = (FLASH_CR & ~(0xFFu << 3)) | FLASH_CR_PER | (TEST_PAGE_NO << 3);
#else
    FLASH_CR |= FLASH_CR_PER;
    FLASH_AR = TEST_PAGE_ADDR;
#endif
    FLASH_CR |= FLASH_CR_STRT;
    flash_wait();
    FLASH_CR &= ~FLASH_CR_PER;
    sr = FLASH_SR;
    FLASH_SR = FLASH_SR_ERR | 1u | (1u << 5);
    return sr;
}

/* One program unit (F1 half-word, L4 double-word); returns SR after the operation. */
static uint32_t flash_program_unit(uint32_t addr, uint32_t lo, uint32_t hi)
{
    uint32_t sr;
    flash_unlock();
    flash_wait();
    FLASH_CR |= FLASH_CR_PG;
#if defined(L4)
    REG32(addr) = lo;
    REG32(addr + 4u) = hi;
#else
    (void)hi;
    REG16(addr) = (uint16_t)lo;
#endif
    flash_wait();
    FLASH_CR &= ~FLASH_CR_PG;
    sr = FLASH_SR;
    FLASH_SR = FLASH_SR_ERR | 1u | (1u << 5);
    return sr;
}

#if defined(L4)
#define UNIT 8u
#else
#define UNIT 2u
#endif

static void cmd_flash(void)
{
    uint32_t a = TEST_PAGE_ADDR;
    uint32_t sr_erase = flash_erase_test_page();
    uint32_t erased = REG32(a);
    uint32_t sr1 = flash_program_unit(a, 0x12345678u, 0x9ABCDEF0u);
    uint32_t v1 = REG32(a);
    uint32_t sr2 = flash_program_unit(a, 0x0F0F0F0Fu, 0x0F0F0F0Fu);   /* over programmed data: error */
    uint32_t v2 = REG32(a);
    uint32_t sr3 = flash_program_unit(a, 0u, 0u);                     /* all-zero: allowed */
    uint32_t v3 = REG32(a);
    puts_("F erase=");  puthex(sr_erase, 8);
    puts_(" erased=");  puthex(erased, 8);
    puts_(" sr1=");     puthex(sr1, 8);
    puts_(" v1=");      puthex(v1, 8);
    puts_(" sr2=");     puthex(sr2, 8);
    puts_(" v2=");      puthex(v2, 8);
    puts_(" sr3=");     puthex(sr3, 8);
    puts_(" v3=");      puthex(v3, 8);
    puts_("\r\n");
    FLASH_CR |= FLASH_CR_LOCK;
}

static void cmd_pattern(void)
{
    uint32_t i;
    flash_erase_test_page();
    for (i = 0; i < 4; i++) flash_program_unit(TEST_PAGE_ADDR + i * UNIT, 0xA5A50000u + i, 0x5A5A0000u + i);
    FLASH_CR |= FLASH_CR_LOCK;
    puts_("g done\r\n");
}

static void cmd_read_pattern(void)
{
    uint32_t i, sum = 0;
    for (i = 0; i < 4 * UNIT; i += 4) sum += REG32(TEST_PAGE_ADDR + i);
    puts_("E nmi=");  putdec(nmi_count);
    puts_(" eccr=");  puthex(last_eccr, 8);
    puts_(" sum=");   puthex(sum, 8);
    puts_("\r\n");
}

static void cmd_systick(void)
{
    ticks = 0;
    SYST_RVR = core_hz / 1000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = 7u;
    while (ticks < 10u) __asm volatile ("wfi");
    SYST_CSR = 0;
    puts_("ticks ");
    putdec(ticks);
    puts_("\r\n");
}

static void cmd_clock(void)
{
#if defined(L4)
    FLASH_ACR = (FLASH_ACR & ~7u) | 4u;
    RCC_PLLCFGR = 1u | (0u << 4) | (40u << 8) | (1u << 24);     /* MSI 4 MHz, M=1, N=40, R=2, REN */
    RCC_CR |= 1u << 24;
    while (!(RCC_CR & (1u << 25))) { }
    RCC_CFGR = (RCC_CFGR & ~3u) | 3u;
    while (((RCC_CFGR >> 2) & 3u) != 3u) { }
    core_hz = 80000000u;
#else
    FLASH_ACR = (FLASH_ACR & ~7u) | 2u;
    RCC_CR |= 1u << 16;
    while (!(RCC_CR & (1u << 17))) { }
    RCC_CFGR = (RCC_CFGR & ~((0xFu << 18) | (1u << 16) | (7u << 8))) | (7u << 18) | (1u << 16) | (4u << 8);
    RCC_CR |= 1u << 24;
    while (!(RCC_CR & (1u << 25))) { }
    RCC_CFGR = (RCC_CFGR & ~3u) | 2u;
    while (((RCC_CFGR >> 2) & 3u) != 2u) { }
    core_hz = 72000000u;
#endif
    uart_init(core_hz);
    puts_("clk ");
    putdec(core_hz / 1000000u);
    puts_("\r\n");
}

static void cmd_jump(void)
{
    uint32_t sp = REG32(APP_BASE);
    uint32_t pc = REG32(APP_BASE + 4u);
    if ((sp & 0x2FFE0000u) != 0x20000000u) {
        puts_("no app\r\n");
        return;
    }
    flush_tx();
    __asm volatile ("msr msp, %0\n bx %1" : : "r" (sp), "r" (pc));
}

static void cmd_rx_irq(void)
{
    rx_mode_done = 0;
    USART_CR1 |= 1u << 5;              /* RXNEIE */
    NVIC_ISER1 = 1u << (37 - 32);
    puts_("u on\r\n");
    while (!rx_mode_done) __asm volatile ("wfi");
    USART_CR1 &= ~(1u << 5);
    puts_("u off\r\n");
}

static void cmd_overrun(void)
{
    uint32_t sr;
    flash_erase_test_page();
    FLASH_CR |= FLASH_CR_LOCK;
    sr = USART_ISR;
    puts_("O sr=");
    puthex(sr & (ISR_ORE | ISR_RXNE), 2);
    puts_(" dr=");
    puthex(USART_RDR & 0xFFu, 2);
    puts_("\r\n");
#if defined(L4)
    USART_ICR = ISR_ORE;
#endif
}

static void led_init(void)
{
#if defined(L4)
    GPIOA_MODER = (GPIOA_MODER & ~((3u << 10) | 3u)) | (1u << 10);   /* PA5 output, PA0 input */
    GPIOA_PUPDR = (GPIOA_PUPDR & ~3u) | 2u;                          /* PA0 pull-down */
#else
    RCC_APB2ENR |= 1u << 4;                                         /* IOPC */
    GPIOC_CRH = (GPIOC_CRH & ~(0xFu << 20)) | (0x2u << 20);          /* PC13 output 2 MHz */
#endif
}

static void cmd_led(void)
{
    static int on;
    on = !on;
#if defined(L4)
    GPIOA_BSRR = on ? (1u << 5) : (1u << 21);
#else
    GPIOC_BSRR = on ? (1u << 13) : (1u << 29);
#endif
    puts_(on ? "led 1\r\n" : "led 0\r\n");
}

int main(void)
{
    uint32_t csr = RCC_CSR;
    RCC_CSR |= RCC_CSR_RMVF;
    uart_init(core_hz);
    led_init();
    puts_("soctest " CHIP " csr=");
    puthex(csr, 8);
    puts_("\r\n");
    for (;;) {
        switch (getc_()) {
        case 'p': puts_("pong\r\n"); break;
        case 'r': flush_tx(); SCB_AIRCR = 0x05FA0004u; for (;;) { } break;
        case 't': cmd_systick(); break;
        case 'w':
            puts_("iwdg\r\n");
            IWDG_KR = 0x5555u; IWDG_PR = 0u; IWDG_RLR = 99u; IWDG_KR = 0xCCCCu; IWDG_KR = 0xAAAAu;
            for (;;) { }
            break;
        case 'j': cmd_jump(); break;
        case 'f': cmd_flash(); break;
        case 'g': cmd_pattern(); break;
        case 'e': cmd_read_pattern(); break;
        case 'o': cmd_overrun(); break;
        case 'u': cmd_rx_irq(); break;
        case 'c': cmd_clock(); break;
        case 'l': cmd_led(); break;
        case 'k': puts_((GPIOA_IDR & 1u) ? "key 1\r\n" : "key 0\r\n"); break;
        default: break;
        }
    }
}
