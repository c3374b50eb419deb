@ Exception entry and return with a floating-point context (Cortex-M4F, ARMv7-M B1.5.6/B1.5.7): CONTROL.FPCA,
@ extended frames (S0-S15, FPSCR), EXC_RETURN bit 4, lazy stacking through FPCCR.LSPACT/FPCAR, eager stacking
@ with FPCCR.LSPEN clear, FPDSCR defaults for a handler's new context, nested handler frames.
#include "common.inc"
    .fpu fpv4-sp-d16
    .equ FPCCR, 0xE000EF34
    .equ FPCAR, 0xE000EF38
    .equ FPDSCR, 0xE000EF3C
    .text
    .thumb_func
reset:
    ldr r1, =CPACR
    ldr r0, =0x00F00000
    str r0, [r1]
    dsb
    isb
    ldr r1, =FPDSCR
    ldr r0, =0x02000000         @ a handler's new context starts with DN set
    str r0, [r1]
    ldr r1, =SHPR2
    ldr r0, =0x80000000         @ SVCall priority 0x80: IRQ0 (priority 0) can preempt it
    str r0, [r1]

    @ ---- 1. lazy stacking (FPCCR reset value: ASPEN | LSPEN)
    vmov.f32 s0, #1.0
    vmov.f32 s15, #-3.0
    ldr r0, =0x00C00000         @ RMode = round towards zero
    vmsr fpscr, r0
    mrs r0, control
    result 0, r0                @ 4: FPCA set by the first floating-point instruction
    sub sp, sp, #4              @ SP = 4 mod 8: the frame is realigned
    mov r0, sp
    result 1, r0
    ldr r1, =0xDEADBEEF         @ the stack below SP holds a marker the frame's FP part must not overwrite yet
    mov r2, sp
    sub r2, r2, #0x80
fill:
    str r1, [r2], #4
    cmp r2, sp
    bne fill
    movs r4, #1
    svc #1
    mov r0, sp
    result 10, r0               @ SP as before the exception
    vmov r0, s0
    result 11, r0               @ 1.0 restored
    vmov r0, s15
    result 12, r0               @ -3.0 restored
    vmrs r0, fpscr
    result 13, r0               @ round towards zero restored
    mrs r0, control
    result 14, r0               @ FPCA again (EXC_RETURN bit 4 clear)
    ldr r1, =FPCCR
    ldr r0, [r1]
    result 15, r0               @ LSPACT clear
    add sp, sp, #4

    @ ---- 2. eager stacking: LSPEN clear
    ldr r1, =FPCCR
    ldr r0, =0x80000000
    str r0, [r1]
    vmov.f32 s1, #0.5
    movs r4, #2
    svc #2
    vmov r0, s1
    result 23, r0               @ 0.5 restored from the frame

    @ ---- 3. no floating-point context: a basic frame
    movs r0, #0
    msr control, r0
    isb
    mov r5, sp
    movs r4, #3
    svc #3
    mrs r0, control
    result 26, r0               @ 0: FPCA stays clear

    @ ---- 4. nested: IRQ0 preempts an SVC handler that uses the FPU
    ldr r1, =FPCCR
    ldr r0, =0xC0000000         @ lazy again
    str r0, [r1]
    ldr r1, =ISER0
    movs r0, #1
    str r0, [r1]
    movs r4, #4
    svc #4
    finish

    .thumb_func
svc_handler:
    cmp r4, #1
    beq svc_lazy
    cmp r4, #2
    beq svc_eager
    cmp r4, #3
    beq svc_basic
    @ scenario 4
    vmov.f32 s2, #1.5           @ the handler's own context (FPCA = 1 in handler mode)
    ldr r1, =ISPR0
    movs r0, #1
    str r0, [r1]                @ IRQ0 taken here
    dsb
    isb
    vmov r0, s2
    result 29, r0               @ 1.5: the handler's S2 survived IRQ0
    bx lr

svc_lazy:
    mov r0, lr
    result 2, r0                @ EXC_RETURN 0xFFFFFFE9: thread, MSP, extended frame
    mrs r0, control
    result 3, r0                @ 0: FPCA cleared on entry
    ldr r1, =FPCCR
    ldr r0, [r1]
    result 4, r0                @ ASPEN LSPEN HFRDY THREAD LSPACT
    ldr r1, =FPCAR
    ldr r0, [r1]
    result 5, r0                @ frame + 0x20
    mov r0, sp
    result 6, r0                @ the frame
    ldr r0, [sp, #0x20]
    result 7, r0                @ marker: S0 not stored yet
    vmov.f32 s0, #2.0           @ first FP instruction in the handler: lazy preservation happens now
    ldr r0, [sp, #0x20]
    result 8, r0                @ 1.0
    ldr r0, [sp, #0x60]
    result 9, r0                @ stacked FPSCR: round towards zero
    vmrs r0, fpscr
    result 16, r0               @ the new context's FPSCR from FPDSCR (DN)
    ldr r1, =FPCCR
    ldr r0, [r1]
    result 17, r0               @ LSPACT clear
    vmov.f32 s15, #4.0
    mrs r0, control
    result 18, r0               @ FPCA set in the handler
    ldr r0, [sp, #0x1C]
    result 19, r0               @ stacked xPSR with the realignment bit
    ldr r0, [sp, #0x5C]
    result 20, r0               @ S15 slot: -3.0
    bx lr

svc_eager:
    mov r0, lr
    result 21, r0               @ 0xFFFFFFE9
    ldr r0, [sp, #0x24]
    result 22, r0               @ S1 slot written at entry: 0.5
    vmov.f32 s1, #2.5
    bx lr

svc_basic:
    mov r0, lr
    result 24, r0               @ 0xFFFFFFF9: basic frame
    mov r0, sp
    subs r0, r5, r0
    result 25, r0               @ 0x20: eight words
    bx lr

    .thumb_func
irq0_handler:
    mov r0, lr
    result 27, r0               @ 0xFFFFFFE1: handler mode, extended frame
    ldr r0, [sp, #0x28]
    result 28, r0               @ S2 slot before any FP instruction here: not stored yet (marker or stale)
    vmov.f32 s2, #3.0
    ldr r0, [sp, #0x28]
    result 30, r0               @ 1.5 stored lazily now
    bx lr

    vectors
