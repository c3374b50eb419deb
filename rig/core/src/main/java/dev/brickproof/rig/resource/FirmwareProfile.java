package dev.brickproof.rig.resource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a board's firmware is built and updated: the design, how to enter update mode, the transfer protocol,
 * how a running application is recognised, and the images to provision.
 *
 * @param design       D1, D3, D4-IP, D4-PP, D5 or YMODEM
 * @param updateEntry  how the bootloader is entered for an update
 * @param protocol     transfer protocol name (d1-raw, d3-raw, ymodem, gizwits-p0, tobudos)
 * @param appBanner    application banner; group 1 and 2 are the major and minor version
 * @param bootBanner   bootloader banner
 * @param bootloader   the bootloader image to provision
 * @param app          the application provisioned with it (v1)
 * @param update       the image the upgrade sends (v2)
 * @param variants     further bootloader or update images by variant name (negative controls)
 * @param pacing       pause between transfer chunks (D3 pacing), zero for none
 * @param entryCommand for {@link UpdateEntry#APP_COMMAND}: the text sent to the running application
 * @param provisionWrites what a factory programmer writes besides the images, by address (D1: the flag
 *                        half-word 0x0000 = "no update pending")
 * @param protocolOptions the protocol's options as written in {@code firmware.options} (see the protocol's driver)
 * @param failureMessages console lines by which the design says an update failed ({@code firmware.failureMessages});
 *                        the driver watches for these besides its own defaults
 */
public record FirmwareProfile(String design, UpdateEntry updateEntry, String protocol, Pattern appBanner,
                              Pattern bootBanner, FirmwareImage bootloader, FirmwareImage app, FirmwareImage update,
                              Map<String, FirmwareImage> variants, java.time.Duration pacing,
                              String entryCommand, Map<Integer, byte[]> provisionWrites,
                              Map<String, String> protocolOptions, List<Pattern> failureMessages) {

    /** How the IAP bootloader is entered. */
    public enum UpdateEntry {
        /** Hold the update key (GPIO) during a reset pulse (D3). */
        KEY_AT_RESET,
        /** Send a command to the running application, which sets a flag and resets (D1). */
        APP_COMMAND,
        /** The application receives the image itself and the bootloader applies it at the next boot (D4, D5). */
        APP_DOWNLOAD,
        /** The bootloader listens after every reset (YMODEM menu). */
        BOOTLOADER_MENU
    }

    public FirmwareProfile {
        Objects.requireNonNull(design, "design");
        variants = Map.copyOf(variants);
        provisionWrites = Map.copyOf(provisionWrites);
        protocolOptions = protocolOptions == null ? Map.of() : Map.copyOf(protocolOptions);
        failureMessages = failureMessages == null ? List.of() : List.copyOf(failureMessages);
    }

    /** A profile without protocol options or failure messages of its own. */
    public FirmwareProfile(String design, UpdateEntry updateEntry, String protocol, Pattern appBanner,
                           Pattern bootBanner, FirmwareImage bootloader, FirmwareImage app, FirmwareImage update,
                           Map<String, FirmwareImage> variants, java.time.Duration pacing,
                           String entryCommand, Map<Integer, byte[]> provisionWrites) {
        this(design, updateEntry, protocol, appBanner, bootBanner, bootloader, app, update, variants, pacing,
                entryCommand, provisionWrites, Map.of(), List.of());
    }

    public Optional<FirmwareImage> variant(String name) {
        return Optional.ofNullable(variants.get(name));
    }

    public FlashLayout layout() {
        return bootloader.layout();
    }
}
