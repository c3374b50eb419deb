@ An FPv4-SP instruction: NOCP UsageFault while CPACR denies CP10/CP11; executes once enabled (Cortex-M4F).
@ On the Cortex-M3 every one of them faults with NOCP.
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
    vmov.f32 s1, #1.5
    vmov.f32 s2, #0.25
    vadd.f32 s0, s1, s2         @ 1.75
    vmov r0, s0
    result 1, r0
    mrs r0, control
    result 2, r0                @ FPCA set by the first instruction (FPCCR.ASPEN)
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
