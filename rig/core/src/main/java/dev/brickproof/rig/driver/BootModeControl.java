package dev.brickproof.rig.driver;

/**
 * Selects what a board boots into on its next reset: the BOOT0 pin (ROM bootloader) or a design's update
 * key (e.g. a key on PA0 held during reset enters the IAP bootloader).
 */
public interface BootModeControl extends AutoCloseable {

    /** BOOT0 high: the next reset starts the STM32 ROM (system memory) bootloader. */
    void selectRomBootloader();

    /** Holds the design's update key, so that the next reset enters the custom IAP bootloader. */
    void pressUpdateKey();

    /** BOOT0 low and key released: the next reset boots main flash normally (the safe state). */
    void selectNormalBoot();

    @Override
    void close();
}
