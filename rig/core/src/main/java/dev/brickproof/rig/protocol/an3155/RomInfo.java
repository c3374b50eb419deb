package dev.brickproof.rig.protocol.an3155;

/**
 * What the ROM bootloader said about itself at connect.
 *
 * @param version       loader version byte (0x22 = v2.2)
 * @param commands      command codes from Get
 * @param optionBytes   the two bytes Get Version returns after the version
 * @param productId     PID from Get ID (0x410, 0x435, ...)
 */
public record RomInfo(int version, int[] commands, int optionBytes, int productId) {

    public boolean supports(int command) {
        for (int c : commands) {
            if (c == command) {
                return true;
            }
        }
        return false;
    }

    /** True when the loader erases with Extended Erase (0x44, two-byte page numbers). */
    public boolean extendedErase() {
        return supports(An3155Client.EXTENDED_ERASE);
    }

    @Override
    public String toString() {
        return String.format("ROM bootloader v%d.%d, PID 0x%03X, %s erase", version >> 4, version & 0xF, productId,
                extendedErase() ? "extended" : "standard");
    }
}
