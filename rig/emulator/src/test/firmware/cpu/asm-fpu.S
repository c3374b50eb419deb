@ An FPv4-SP instruction: NOCP UsageFault while CPACR denies CP10/CP11; the emulator halts once enabled.
#include "common.inc"
    .fpu fpv4-sp-d16
    .text
    .thumb_func
reset:
    ldr r1, =SHCSR
    ldr r0, =0x40000            @ UsageFault enabled
    str r0, [r1]
    vadd.f32 s0, s1, s2         @ NOCP
    ldr r1, =CPACR
    ldr r0, =0x00F00000
    str r0, [r1]
    dsb
    isb
    vadd.f32 s0, s1, s2         @ unsupported: halt
    finish

    .thumb_func
usagefault_handler:
    ldr r1, =CFSR
    ldr r0, [r1]
    str r0, [r1]
    result 0, r0                @ NOCP = 1 << 19
    ldr r0, [sp, #24]
    adds r0, #4
    str r0, [sp, #24]
    bx lr

    vectors
