@ Faults: UDF escalated to HardFault (FORCED), UsageFault once enabled, precise BusFault with BFAR (escalated
@ and direct), divide by zero trap, unaligned LDM, execution from an execute-never address and from
@ unmapped memory. Each handler logs (exception << 24 | CFSR low bits), clears the status, and resumes at
@ the address stored in RESUME.
#include "common.inc"
    .equ LOG, 0x20000080
    .equ LOGN, 0x200000FC
    .equ RESUME, 0x20000300

    .macro expect_fault label
    ldr r0, =\label
    ldr r1, =RESUME
    str r0, [r1]
    .endm

    .text
    .thumb_func
reset:
    expect_fault 1f
    udf #1
1:  ldr r1, =SHCSR
    ldr r0, =0x70000            @ enable MemManage, BusFault, UsageFault
    str r0, [r1]
    expect_fault 2f
    udf #2
2:  expect_fault 3f
    ldr r1, =SHCSR
    movs r0, #0
    str r0, [r1]
    ldr r1, =0x30000000
    ldr r0, [r1]                @ bus error, escalated
3:  ldr r1, =SHCSR
    ldr r0, =0x70000
    str r0, [r1]
    expect_fault 4f
    ldr r1, =0x30000010
    movs r0, #1
    str r0, [r1]                @ precise bus error on a store
4:  ldr r1, =CCR
    ldr r0, [r1]
    orr r0, r0, #0x10           @ DIV_0_TRP
    str r0, [r1]
    expect_fault 5f
    movs r2, #0
    udiv r0, r0, r2
5:  expect_fault 6f
    ldr r1, =0x20000402
    ldm r1, {r2, r3}
6:  expect_fault 7f
    ldr r0, =0x40000001
    blx r0                      @ device region is execute-never
7:  expect_fault 8f
    ldr r0, =0x30000001
    blx r0                      @ nothing there
8:  movs r2, #0
    ldr r1, =CCR
    ldr r0, [r1]
    bic r0, r0, #0x10
    str r0, [r1]
    movs r0, #7
    udiv r0, r0, r2
    result 0, r0                @ 0: divide by zero without the trap
    finish

    .thumb_func
hardfault_handler:
    movs r4, #3
    b record
    .thumb_func
memmanage_handler:
    movs r4, #4
    b record
    .thumb_func
busfault_handler:
    movs r4, #5
    b record
    .thumb_func
usagefault_handler:
    movs r4, #6
record:
    ldr r1, =CFSR
    ldr r0, [r1]
    str r0, [r1]                @ write-one-to-clear
    ldr r2, =HFSR
    ldr r3, [r2]
    str r3, [r2]
    lsrs r3, r3, #30            @ FORCED -> bit 0
    lsls r3, r3, #26
    orr r0, r0, r3              @ CFSR | FORCED << 26 (above the UFSR bits kept below)
    ldr r5, =BFAR
    ldr r5, [r5]
    lsls r4, r4, #28
    @ log entry = exception << 28 | FORCED << 27 | UFSR << 16 | BFSR << 8 | MMFSR
    ubfx r6, r0, #16, #10       @ UFSR
    lsls r6, r6, #16
    ubfx r3, r0, #0, #16        @ MMFSR | BFSR
    orr r6, r6, r3
    tst r0, #(1 << 26)
    it ne
    orrne r6, r6, #(1 << 27)    @ FORCED
    orr r4, r4, r6
    ldr r12, =LOGN
    ldr r3, [r12]
    ldr r2, =LOG
    str r4, [r2, r3, lsl #2]
    adds r3, #1
    tst r0, #0x8000             @ BFARVALID: log BFAR too
    itt ne
    strne r5, [r2, r3, lsl #2]
    addne r3, #1
    str r3, [r12]
    ldr r1, =RESUME
    ldr r1, [r1]
    orr r1, r1, #1
    bic r1, r1, #1
    str r1, [sp, #24]           @ resume address as stacked PC
    bx lr

    vectors
