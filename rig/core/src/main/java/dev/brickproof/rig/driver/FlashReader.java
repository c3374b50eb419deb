package dev.brickproof.rig.driver;

/**
 * Reads a board's flash back for verdicts and forensics: directly from an emulated board, through the STM32
 * ROM bootloader (AN3155) on hardware.
 */
public interface FlashReader {
    byte[] read(int address, int length);
}
