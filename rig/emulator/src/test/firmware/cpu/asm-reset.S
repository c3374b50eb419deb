@ Identification and software reset: CPUID, AIRCR read-back, DWT cycle counter, then NVIC_SystemReset().
#include "common.inc"
    .text
    .thumb_func
reset:
    ldr r1, =0xE000ED00
    ldr r0, [r1]
    result 0, r0                @ CPUID
    ldr r1, =AIRCR
    ldr r0, =0x05FA0300         @ PRIGROUP 3
    str r0, [r1]
    ldr r0, [r1]
    result 1, r0                @ 0xFA050300
    ldr r0, =0x12340500         @ wrong key: ignored
    str r0, [r1]
    ldr r0, [r1]
    result 2, r0                @ 0xFA050300
    ldr r1, =0xE000EDFC         @ DEMCR.TRCENA
    ldr r0, =0x01000000
    str r0, [r1]
    ldr r1, =0xE0001004
    movs r0, #0
    str r0, [r1]
    ldr r2, =0xE0001000
    movs r0, #1
    str r0, [r2]                @ CYCCNTENA
    movs r3, #100
1:  subs r3, #1
    bne 1b
    ldr r0, [r1]
    result 3, r0                @ cycles of the loop
    ldr r1, =0xE000E004
    ldr r0, [r1]
    result 4, r0                @ ICTR: 2 (96 interrupts)
    ldr r1, =0xE000E000 + 0xD20
    ldr r0, =0xF0E00000         @ SHPR3: SysTick 0xF0, PendSV 0xE0
    str r0, [r1]
    ldr r0, [r1]
    result 5, r0
    ldr r1, =IPR0
    movs r0, #0x5F
    strb r0, [r1, #3]           @ byte write: IRQ3 priority, upper nibble kept
    ldr r0, [r1]
    result 6, r0                @ 0x50000000
    movs r0, #1
    result 7, r0
    ldr r1, =AIRCR
    ldr r0, =0x05FA0304         @ SYSRESETREQ, keep PRIGROUP
    dsb
    str r0, [r1]
    dsb
    finish

    vectors
