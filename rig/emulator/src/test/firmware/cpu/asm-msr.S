@ MSR/MRS: APSR flags, IPSR/EPSR reads, PRIMASK, FAULTMASK, BASEPRI, BASEPRI_MAX, CONTROL (PSP switch and
@ unprivileged thread mode, back to privileged through SVC), CPSID/CPSIE.
#include "common.inc"
    .text
    .thumb_func
reset:
    ldr r0, =0xF8000000
    msr APSR_nzcvq, r0
    mrs r1, APSR
    result 0, r1                @ 0xF8000000
    mrs r1, IPSR
    mrs r2, EPSR
    orr r1, r1, r2
    result 1, r1                @ 0 (thread, EPSR reads as zero)
    cpsid i
    mrs r1, PRIMASK
    cpsie i
    mrs r2, PRIMASK
    orr r1, r1, r2, lsl #4
    cpsid f
    mrs r2, FAULTMASK
    orr r1, r1, r2, lsl #8
    cpsie f
    mrs r2, FAULTMASK
    orr r1, r1, r2, lsl #12
    result 2, r1                @ 0x101
    movs r0, #0x80
    msr BASEPRI, r0
    movs r0, #0xC0
    msr BASEPRI_MAX, r0         @ lower priority: ignored
    mrs r1, BASEPRI
    movs r0, #0x40
    msr BASEPRI_MAX, r0         @ higher priority: taken
    mrs r2, BASEPRI
    orr r1, r1, r2, lsl #8
    movs r0, #0x35
    msr BASEPRI, r0             @ only the upper nibble is implemented
    mrs r2, BASEPRI
    orr r1, r1, r2, lsl #16
    movs r0, #0
    msr BASEPRI, r0
    result 3, r1                @ 0x304080
    mrs r1, MSP
    ldr r0, =0x20008000
    msr PSP, r0
    movs r0, #2
    msr CONTROL, r0
    isb
    push {r1}                   @ lands on the process stack
    mov r2, sp
    mrs r3, PSP
    result 4, r2                @ 0x20007FFC
    result 5, r3                @ 0x20007FFC
    mrs r4, MSP
    sub r4, r1, r4
    result 6, r4                @ 0 (MSP untouched)
    movs r0, #3
    msr CONTROL, r0             @ unprivileged
    isb
    movs r0, #0
    msr CONTROL, r0             @ ignored for nPRIV while unprivileged? no: CONTROL is privileged-only
    mrs r1, CONTROL
    result 7, r1                @ 3
    cpsid i                     @ ignored when unprivileged
    mrs r1, PRIMASK
    result 8, r1                @ 0
    svc #1                      @ handler drops to privileged
    mrs r1, CONTROL
    result 9, r1                @ 2
    movs r0, #0
    msr CONTROL, r0
    isb
    mov r1, sp
    ldr r2, =0x20010000
    sub r1, r2, r1
    result 10, r1               @ 0: back on the main stack
    finish

    .thumb_func
svc_handler:
    mrs r0, CONTROL
    bic r0, r0, #1
    msr CONTROL, r0
    mov r0, lr
    result 11, r0               @ 0xFFFFFFFD
    bx lr

    vectors
