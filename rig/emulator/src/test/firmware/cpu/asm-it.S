@ IT blocks: then/else patterns, 16-bit instructions not setting flags inside IT, flag-setting compares
@ inside IT, a branch as the last instruction, 32-bit conditional instructions, skipped blocks.
#include "common.inc"
    .text
    .thumb_func
reset:
    movs r0, #5
    cmp r0, #5
    ite eq
    moveq r1, #1
    movne r1, #2
    result 0, r1                @ 1
    cmp r0, #6
    itete lt
    addlt r2, r0, #10
    addge r2, r0, #20
    sublt r3, r0, #1
    subge r3, r0, #2
    result 1, r2                @ 15
    result 2, r3                @ 4
    movs r0, #0                 @ Z = 1
    it eq
    addeq r0, #1                @ 16-bit ADD inside IT: no flags
    ite eq
    moveq r1, #0xAA
    movne r1, #0xBB
    result 3, r1                @ 0xAA
    cmp r0, #1
    itt eq
    addeq r4, r0, #100
    beq 1f
    movs r4, #0
1:  result 4, r4                @ 101
    movs r5, #9
    cmp r5, #10
    ittt gt
    movgt r5, #1
    addgt r5, #2
    movgt r5, #3
    result 5, r5                @ 9
    movs r1, #0x22
    movs r0, #3
    cmp r0, #3
    itt eq
    cmpeq r0, #4                @ compares set flags inside IT
    moveq r1, #0x11
    result 6, r1                @ 0x22
    ldr r0, =0x12345678
    mov r1, #0
    cmp r1, #0
    itett eq
    ubfxeq r2, r0, #4, #8       @ 0x67
    rbitne r2, r0
    movweq r3, #0xBEEF
    movteq r3, #0xDEAD
    result 7, r2
    result 8, r3                @ 0xDEADBEEF
    mov r0, #0
    cmp r0, #1                  @ C = 0 (borrow), N = 1
    itt cc
    addcc r0, #7
    lslcc r0, r0, #1
    result 9, r0                @ 14
    finish

    vectors
