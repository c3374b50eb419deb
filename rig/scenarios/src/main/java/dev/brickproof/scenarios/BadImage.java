package dev.brickproof.scenarios;

import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.RejectKind;

/**
 * A generated bad update image.
 *
 * @param kind  what is wrong with it
 * @param image the image to send (a temporary file; the manifest fields are the real image's it came from)
 * @param how   one line for the report, e.g. "byte 0x0005 flipped (0x30 -> 0xCF)"
 */
public record BadImage(RejectKind kind, FirmwareImage image, String how) { }
