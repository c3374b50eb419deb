/* Registers used by the SoC test firmware (F103C8 by default, STM32L431RC with -DL4). */
#ifndef SOC_REGS_H
#define SOC_REGS_H
#include <stdint.h>

#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define REG16(a) (*(volatile uint16_t *)(uintptr_t)(a))
#define REG8(a)  (*(volatile uint8_t *)(uintptr_t)(a))

#define SYST_CSR  REG32(0xE000E010u)
#define SYST_RVR  REG32(0xE000E014u)
#define SYST_CVR  REG32(0xE000E018u)
#define NVIC_ISER1 REG32(0xE000E104u)
#define SCB_VTOR  REG32(0xE000ED08u)
#define SCB_AIRCR REG32(0xE000ED0Cu)

#define IWDG_KR  REG32(0x40003000u)
#define IWDG_PR  REG32(0x40003004u)
#define IWDG_RLR REG32(0x40003008u)

#define USART1_BASE 0x40013800u
#define FLASH_BASE_R 0x40022000u
#define RCC_BASE 0x40021000u
#define CRC_BASE 0x40023000u
#define CRC_DR   REG32(CRC_BASE + 0x00u)
#define CRC_CR   REG32(CRC_BASE + 0x08u)

#if defined(L4)
#define CHIP "STM32L431RC"
#define CORE_HZ_RESET 4000000u
#define RCC_CR       REG32(RCC_BASE + 0x00u)
#define RCC_CFGR     REG32(RCC_BASE + 0x08u)
#define RCC_PLLCFGR  REG32(RCC_BASE + 0x0Cu)
#define RCC_AHB2ENR  REG32(RCC_BASE + 0x4Cu)
#define RCC_APB2ENR  REG32(RCC_BASE + 0x60u)
#define RCC_CSR      REG32(RCC_BASE + 0x94u)
#define RCC_CSR_RMVF (1u << 23)
#define RCC_AHB1RSTR  REG32(RCC_BASE + 0x28u)
#define RCC_AHB2RSTR  REG32(RCC_BASE + 0x2Cu)
#define RCC_AHB3RSTR  REG32(RCC_BASE + 0x30u)
#define RCC_APB1RSTR1 REG32(RCC_BASE + 0x38u)
#define RCC_APB1RSTR2 REG32(RCC_BASE + 0x3Cu)
#define RCC_APB2RSTR  REG32(RCC_BASE + 0x40u)
#define RCC_AHB1ENR   REG32(RCC_BASE + 0x48u)
#define RCC_APB1ENR1  REG32(RCC_BASE + 0x58u)
#define RCC_CCIPR     REG32(RCC_BASE + 0x88u)
#define RCC_CRCEN_REG RCC_AHB1ENR
#define RCC_CRCEN_BIT (1u << 12)
#define PWR_CR1      REG32(0x40007000u)
#define PWR_SR2      REG32(0x40007014u)
#define GPIOB_MODER  REG32(0x48000400u)
#define TIMB_BASE    0x40001000u                                /* TIM6 */
#define TIMB_IRQ     54u
#define TIMB_RCC_ENR RCC_APB1ENR1
#define TIMB_RCC_BIT (1u << 4)
#define NVIC_ISER_TIMB REG32(0xE000E104u)
#define GPIOB_PUPDR  REG32(0x4800040Cu)
#define SYSCFG_EXTICR1 REG32(0x40010008u)
#define CRC_INIT     REG32(CRC_BASE + 0x10u)
#define CRC_POL      REG32(CRC_BASE + 0x14u)
#define GPIOA_MODER  REG32(0x48000000u)
#define GPIOA_PUPDR  REG32(0x4800000Cu)
#define GPIOA_IDR    REG32(0x48000010u)
#define GPIOA_BSRR   REG32(0x48000018u)
#define GPIOA_AFRH   REG32(0x48000024u)
#define USART_CR1    REG32(USART1_BASE + 0x00u)
#define USART_BRR    REG32(USART1_BASE + 0x0Cu)
#define USART_ISR    REG32(USART1_BASE + 0x1Cu)
#define USART_ICR    REG32(USART1_BASE + 0x20u)
#define USART_RDR    REG32(USART1_BASE + 0x24u)
#define USART_TDR    REG32(USART1_BASE + 0x28u)
#define USART_CR1_ON ((1u << 0) | (1u << 2) | (1u << 3))
#define FLASH_ACR    REG32(FLASH_BASE_R + 0x00u)
#define FLASH_KEYR   REG32(FLASH_BASE_R + 0x08u)
#define FLASH_SR     REG32(FLASH_BASE_R + 0x10u)
#define FLASH_CR     REG32(FLASH_BASE_R + 0x14u)
#define FLASH_ECCR   REG32(FLASH_BASE_R + 0x18u)
#define FLASH_SR_BSY (1u << 16)
#define FLASH_SR_ERR 0x3FAu
#define FLASH_CR_PG  (1u << 0)
#define FLASH_CR_PER (1u << 1)
#define FLASH_CR_STRT (1u << 16)
#define FLASH_CR_LOCK (1u << 31)
#define FLASH_OPTKEYR REG32(FLASH_BASE_R + 0x0Cu)
#define FLASH_OPTR   REG32(FLASH_BASE_R + 0x20u)
#define FLASH_CR_OPTSTRT (1u << 17)
#define FLASH_CR_OBL_LAUNCH (1u << 27)
#define FLASH_OPTKEY1 0x08192A3Bu
#define FLASH_OPTKEY2 0x4C5D6E7Fu
#define TEST_PAGE_ADDR 0x0803C000u
#define TEST_PAGE_NO   120u
#else
#define CHIP "STM32F103C8"
#define CORE_HZ_RESET 8000000u
#define RCC_CR       REG32(RCC_BASE + 0x00u)
#define RCC_CFGR     REG32(RCC_BASE + 0x04u)
#define RCC_APB2ENR  REG32(RCC_BASE + 0x18u)
#define RCC_CSR      REG32(RCC_BASE + 0x24u)
#define RCC_CSR_RMVF (1u << 24)
#define RCC_APB2RSTR REG32(RCC_BASE + 0x0Cu)
#define RCC_APB1RSTR REG32(RCC_BASE + 0x10u)
#define RCC_AHBENR   REG32(RCC_BASE + 0x14u)
#define RCC_CRCEN_REG RCC_AHBENR
#define RCC_CRCEN_BIT (1u << 6)
#define GPIOB_CRL    REG32(0x40010C00u)
#define RCC_APB1ENR  REG32(RCC_BASE + 0x1Cu)
#define TIMB_BASE    0x40000000u                                /* TIM2 */
#define TIMB_IRQ     28u
#define TIMB_RCC_ENR RCC_APB1ENR
#define TIMB_RCC_BIT (1u << 0)
#define NVIC_ISER_TIMB REG32(0xE000E100u)
#define GPIOB_ODR    REG32(0x40010C0Cu)
#define AFIO_MAPR    REG32(0x40010004u)
#define AFIO_EXTICR1 REG32(0x40010008u)
#define GPIOA_CRH    REG32(0x40010804u)
#define GPIOA_IDR    REG32(0x40010808u)
#define GPIOC_CRH    REG32(0x40011004u)
#define GPIOC_BSRR   REG32(0x40011010u)
#define USART_SR     REG32(USART1_BASE + 0x00u)
#define USART_DR     REG32(USART1_BASE + 0x04u)
#define USART_BRR    REG32(USART1_BASE + 0x08u)
#define USART_CR1    REG32(USART1_BASE + 0x0Cu)
#define USART_ISR    USART_SR
#define USART_RDR    USART_DR
#define USART_TDR    USART_DR
#define USART_CR1_ON ((1u << 13) | (1u << 2) | (1u << 3))
#define FLASH_ACR    REG32(FLASH_BASE_R + 0x00u)
#define FLASH_KEYR   REG32(FLASH_BASE_R + 0x04u)
#define FLASH_SR     REG32(FLASH_BASE_R + 0x0Cu)
#define FLASH_CR     REG32(FLASH_BASE_R + 0x10u)
#define FLASH_AR     REG32(FLASH_BASE_R + 0x14u)
#define FLASH_SR_BSY (1u << 0)
#define FLASH_SR_ERR ((1u << 2) | (1u << 4))
#define FLASH_CR_PG  (1u << 0)
#define FLASH_CR_PER (1u << 1)
#define FLASH_CR_STRT (1u << 6)
#define FLASH_CR_LOCK (1u << 7)
#define FLASH_OPTKEYR REG32(FLASH_BASE_R + 0x08u)
#define FLASH_CR_OPTPG (1u << 4)
#define FLASH_CR_OPTER (1u << 5)
#define FLASH_OPTKEY1 0x45670123u
#define FLASH_OPTKEY2 0xCDEF89ABu
#define OB_RDP       REG16(0x1FFFF800u)
#define TEST_PAGE_ADDR 0x0800F000u
#endif

#define TIMB_CR1  REG32(TIMB_BASE + 0x00u)
#define TIMB_DIER REG32(TIMB_BASE + 0x0Cu)
#define TIMB_SR   REG32(TIMB_BASE + 0x10u)
#define TIMB_EGR  REG32(TIMB_BASE + 0x14u)
#define TIMB_PSC  REG32(TIMB_BASE + 0x28u)
#define TIMB_ARR  REG32(TIMB_BASE + 0x2Cu)
#define EXTI_IMR  REG32(0x40010400u)
#define EXTI_RTSR REG32(0x40010408u)
#define EXTI_FTSR REG32(0x4001040Cu)
#define EXTI_PR   REG32(0x40010414u)
#define NVIC_ISER0 REG32(0xE000E100u)
#define ISR_ORE  (1u << 3)
#define ISR_IDLE (1u << 4)
#define ISR_RXNE (1u << 5)
#define ISR_TC   (1u << 6)
#define ISR_TXE  (1u << 7)
#define APP_BASE 0x08004000u

#endif
