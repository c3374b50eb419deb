package dev.brickproof.rig.strategy;

/** What a board is doing, as far as a strategy brought it there. */
public enum BoardState {
    /** Unknown: nothing done yet, or an out-of-band event (power cut) happened. */
    UNKNOWN,
    /** Power off. */
    OFF,
    /** BOOT0 high at reset: the STM32 system-memory bootloader waits for 0x7F. */
    ROM_BOOTLOADER,
    /** The design's IAP bootloader waits for an image. */
    IAP_BOOTLOADER,
    /** The application printed its banner. */
    APP_RUNNING
}
