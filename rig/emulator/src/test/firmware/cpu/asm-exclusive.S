@ LDREX/STREX (word, byte, half), STREX failing without a reservation, after CLREX, and across an exception.
#include "common.inc"
    .text
    .thumb_func
reset:
    ldr r1, =SCRATCH
    ldr r0, =0x11111111
    str r0, [r1]
    ldrex r2, [r1]
    adds r2, #1
    strex r3, r2, [r1]
    result 0, r3                @ 0: success
    ldr r4, [r1]
    result 1, r4                @ 0x11111112
    strex r3, r2, [r1]
    result 2, r3                @ 1: no reservation
    ldrex r2, [r1]
    clrex
    strex r3, r2, [r1]
    result 3, r3                @ 1: cleared
    ldrexb r2, [r1]
    adds r2, #0x10
    strexb r3, r2, [r1]
    adds r6, r1, #2
    ldrexh r4, [r6]
    adds r4, #0x20
    strexh r5, r4, [r6]
    orr r3, r3, r5, lsl #4
    result 4, r3                @ 0
    ldr r4, [r1]
    result 5, r4                @ 0x11311122
    ldrex r2, [r1, #4]
    svc #0                      @ exception entry/return clears the monitor
    strex r3, r2, [r1, #4]
    result 6, r3                @ 1
    finish

    .thumb_func
svc_handler:
    bx lr

    vectors
