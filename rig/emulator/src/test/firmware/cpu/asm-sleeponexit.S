@ SCR.SLEEPONEXIT: returning from the last handler to thread mode puts the core back to sleep.
#include "common.inc"
    .text
    .thumb_func
reset:
    ldr r1, =SCR
    movs r0, #2
    str r0, [r1]
    ldr r1, =ISER0
    movs r0, #1
    str r0, [r1]
    ldr r1, =ISPR0
    str r0, [r1]                @ IRQ0 taken at once; its return sleeps
    movs r0, #0xEE
    result 1, r0                @ reached only after the host clears SLEEPONEXIT
    finish

    .thumb_func
irq0_handler:
    ldr r1, =SCRATCH
    ldr r0, [r1]
    adds r0, #1
    str r0, [r1]
    result 0, r0
    cmp r0, #2
    bne 1f
    ldr r1, =SCR                @ second time: stop sleeping on exit
    movs r0, #0
    str r0, [r1]
1:  bx lr

    vectors
