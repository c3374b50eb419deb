@ CPACR.CP10 = 0b01 grants the FPU to privileged code only: unprivileged thread code faults with NOCP.
#include "common.inc"
    .fpu fpv4-sp-d16
    .text
    .thumb_func
reset:
    ldr r1, =SHCSR
    ldr r0, =0x40000            @ UsageFault enabled
    str r0, [r1]
    ldr r1, =CPACR
    ldr r0, =0x00500000         @ CP10/CP11: privileged access only
    str r0, [r1]
    dsb
    isb
    vmov.f32 s0, #2.0           @ privileged: executes
    vmov r0, s0
    result 0, r0
    movs r0, #1
    msr control, r0             @ unprivileged thread mode
    isb
    vmov.f32 s0, #3.0           @ NOCP
    vmov r0, s0                 @ NOCP
    result 2, r0                @ r0 = what the handler left (the CFSR)
    svc #0                      @ back to privileged to finish
    finish

    .thumb_func
usagefault_handler:
    ldr r1, =CFSR
    ldr r0, [r1]
    str r0, [r1]
    ldr r2, =RES + 4
    ldr r3, [r2]
    adds r3, #1
    str r3, [r2]                @ result 1: NOCP faults counted
    str r0, [sp]                @ the faulting code sees r0 = CFSR
    ldr r0, [sp, #24]
    adds r0, #4
    str r0, [sp, #24]
    bx lr

    .thumb_func
svc_handler:
    movs r0, #0
    msr control, r0
    bx lr

    vectors
