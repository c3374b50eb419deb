@ A fault inside the HardFault handler locks the core up.
#include "common.inc"
    .text
    .thumb_func
reset:
    movs r0, #1
    result 0, r0
    udf #0
    .thumb_func
hardfault_handler:
    movs r0, #2
    result 1, r0
    udf #3

    vectors
