@ Exception model: SVC with EXC_RETURN and stacked registers, PendSV through ICSR, SysTick, NVIC priorities
@ and preemption, BASEPRI and PRIMASK masking, VTOR relocation to RAM, 8-byte stack alignment (STKALIGN),
@ SVC from thread mode on the process stack, tail-chaining order.
#include "common.inc"
    .equ LOG, 0x20000080           @ event log: words appended by handlers
    .equ LOGN, 0x200000FC          @ number of log words
    .equ RAMVEC, 0x20008000

    .macro log reg
    ldr r12, =LOGN
    ldr r3, [r12]
    ldr r2, =LOG
    str \reg, [r2, r3, lsl #2]
    adds r3, #1
    str r3, [r12]
    .endm

    .text
    .thumb_func
reset:
    @ 1. SVC: the handler increments the stacked r0 and records its EXC_RETURN
    movs r0, #42
    ldr r4, =0x44444444
    svc #7
    result 0, r0                @ 43
    result 1, r4                @ r4 preserved
    @ 2. PendSV through ICSR
    ldr r1, =ICSR
    ldr r2, =0x10000000
    str r2, [r1]
    dsb
    isb
    ldr r1, =SCRATCH
    ldr r0, [r1]
    result 3, r0                @ 1 PendSV taken
    @ 3. SysTick: reload 99, core clock, interrupt; wait for 3 ticks
    ldr r1, =SYST_RVR
    movs r0, #99
    str r0, [r1]
    ldr r1, =SYST_CVR
    str r0, [r1]
    ldr r1, =SYST_CSR
    movs r0, #7
    str r0, [r1]
    ldr r2, =SCRATCH + 4
1:  ldr r0, [r2]
    cmp r0, #3
    blt 1b
    movs r0, #0
    str r0, [r1]                @ stop SysTick
    ldr r0, [r1]                @ COUNTFLAG read clears it
    ldr r0, [r1]
    result 4, r0                @ 4: CLKSOURCE only, COUNTFLAG cleared by the first read
    @ 4. preemption: IRQ0 prio 0x80 pends IRQ1 prio 0x40 (preempts), then IRQ2 prio 0xC0 (waits)
    ldr r1, =IPR0
    ldr r0, =0x00C04080
    str r0, [r1]
    ldr r1, =ISER0
    movs r0, #7
    str r0, [r1]
    ldr r1, =ISPR0
    movs r0, #1
    str r0, [r1]
    isb
    @ 5. BASEPRI masks IRQ2 (0xC0) at 0x80; PRIMASK masks everything
    movs r0, #0x80
    msr BASEPRI, r0
    ldr r1, =STIR
    movs r0, #2
    str r0, [r1]
    isb
    ldr r1, =LOGN
    ldr r5, [r1]                @ log length while masked
    movs r0, #0
    msr BASEPRI, r0
    isb
    ldr r6, [r1]                @ after unmasking
    orr r5, r5, r6, lsl #8
    cpsid i
    ldr r1, =STIR
    movs r0, #1
    str r0, [r1]
    isb
    ldr r1, =LOGN
    ldr r6, [r1]
    orr r5, r5, r6, lsl #16
    cpsie i
    isb
    ldr r6, [r1]
    orr r5, r5, r6, lsl #24
    result 5, r5
    @ 6. VTOR relocation: copy 32 vectors to RAM, replace SVC with svc_alt
    ldr r0, =0x08000000
    ldr r1, =RAMVEC
    movs r2, #32
2:  ldr r3, [r0], #4
    str r3, [r1], #4
    subs r2, #1
    bne 2b
    ldr r1, =RAMVEC
    ldr r0, =svc_alt
    str r0, [r1, #44]
    ldr r2, =VTOR
    str r1, [r2]
    dsb
    svc #1
    result 6, r0                @ 0x5A5A from svc_alt
    ldr r2, =VTOR
    ldr r0, [r2]
    result 7, r0                @ 0x20008000
    movs r0, #0
    str r0, [r2]
    @ 7. STKALIGN: SP = 4 mod 8 at exception entry
    ldr r1, =CCR
    ldr r0, [r1]
    orr r0, r0, #0x200
    str r0, [r1]
    mov r8, sp
    sub sp, sp, #4
    mov r9, sp
    svc #2                      @ handler records its SP and the stacked xPSR
    mov r10, sp
    add sp, sp, #4
    sub r0, r9, r10
    result 10, r0               @ 0: SP restored exactly
    @ 8. SVC from thread mode on the process stack
    ldr r0, =0x20006000
    msr PSP, r0
    movs r0, #2
    msr CONTROL, r0
    isb
    movs r0, #10
    svc #3
    mov r1, sp
    result 11, r1               @ 0x20006000: PSP back where it was
    movs r0, #0
    msr CONTROL, r0
    isb
    @ 9. ICSR reads: nothing pending, nothing active
    ldr r1, =ICSR
    ldr r0, [r1]
    result 12, r0               @ RETTOBASE only
    finish

    .thumb_func
svc_handler:
    mrs r0, PSP
    tst lr, #4
    it eq
    mrseq r0, MSP               @ frame on the stack LR points at
    ldr r1, [r0, #24]           @ stacked PC
    ldrb r1, [r1, #-2]          @ SVC immediate
    cmp r1, #7
    bne 1f
    ldr r2, [r0]
    adds r2, #1
    str r2, [r0]                @ r0 + 1 back to the caller
    mov r2, lr
    result 2, r2                @ 0xFFFFFFF9
    bx lr
1:  cmp r1, #2
    bne 2f
    mov r2, sp
    result 8, r2                @ 8-byte aligned
    ldr r2, [r0, #28]
    result 9, r2                @ stacked xPSR with bit 9
    bx lr
2:  mov r2, lr
    result 13, r2               @ 0xFFFFFFFD for svc #3
    ldr r2, [r0]
    result 14, r2               @ 10: stacked r0 read from the PSP frame
    bx lr

    .thumb_func
svc_alt:
    ldr r0, =0x5A5A
    mrs r1, MSP
    str r0, [r1]                @ stacked r0
    bx lr

    .thumb_func
pendsv_handler:
    ldr r1, =SCRATCH
    ldr r0, [r1]
    adds r0, #1
    str r0, [r1]
    bx lr

    .thumb_func
systick_handler:
    ldr r1, =SCRATCH + 4
    ldr r0, [r1]
    adds r0, #1
    str r0, [r1]
    bx lr

    .thumb_func
irq0_handler:
    movs r0, #0x10
    log r0
    ldr r1, =STIR
    movs r0, #1
    str r0, [r1]                @ IRQ1: higher priority, preempts at once
    movs r0, #2
    str r0, [r1]                @ IRQ2: lower priority, waits
    isb
    movs r0, #0x11
    log r0
    bx lr

    .thumb_func
irq1_handler:
    mrs r0, IPSR
    log r0                      @ 17
    bx lr

    .thumb_func
irq2_handler:
    mrs r0, IPSR
    log r0                      @ 18
    bx lr

    vectors
