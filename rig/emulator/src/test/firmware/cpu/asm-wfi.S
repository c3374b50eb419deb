@ WFI sleeps until IRQ5 (enabled) is pending; PRIMASK-masked wake-up; WFE/SEV event register; the SysTick
@ wakes a sleeping core that the host fast-forwards.
#include "common.inc"
    .text
    .thumb_func
reset:
    ldr r1, =ISER0
    movs r0, #(1 << 5)
    str r0, [r1]
    wfi                         @ host raises IRQ5
    ldr r1, =SCRATCH
    ldr r0, [r1]
    result 0, r0                @ 1
    cpsid i
    wfi                         @ host raises IRQ5 again: wakes, handler waits for CPSIE
    ldr r1, =SCRATCH
    ldr r0, [r1]
    result 1, r0                @ 1 still
    cpsie i
    isb
    ldr r0, [r1]
    result 2, r0                @ 2
    sev
    wfe                         @ event register set: no sleep
    movs r0, #0x5E
    result 3, r0
    ldr r1, =SYST_RVR
    ldr r0, =9999
    str r0, [r1]
    ldr r1, =SYST_CVR
    str r0, [r1]
    ldr r1, =SYST_CSR
    movs r0, #7
    str r0, [r1]
    wfi                         @ SysTick wakes it
    ldr r1, =SCRATCH + 4
    ldr r0, [r1]
    result 4, r0                @ 1
    finish

    .thumb_func
irq5_handler:
    ldr r1, =SCRATCH
    ldr r0, [r1]
    adds r0, #1
    str r0, [r1]
    bx lr

    .thumb_func
systick_handler:
    ldr r1, =SYST_CSR
    movs r0, #0
    str r0, [r1]
    ldr r1, =SCRATCH + 4
    ldr r0, [r1]
    adds r0, #1
    str r0, [r1]
    bx lr

    vectors
