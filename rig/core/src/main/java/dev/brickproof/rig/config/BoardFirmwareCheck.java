package dev.brickproof.rig.config;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.resource.Region;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Checks that the images a board's firmware profile references fit that board and each other, before anything is
 * written to it: right chip, right design, each image in its partition of the bootloader's layout, application
 * images with a plausible vector table, an update that the verdict can tell from the provisioned app, and
 * provisioning writes that do not land on an image. A manifest mistake found here would otherwise come out of a
 * scenario as a product verdict (CORRUPTED, BRICKED) against good firmware.
 */
final class BoardFirmwareCheck {
    static final String BOOTLOADER_REGION = "bootloader";
    static final String APP_REGION = "app";

    private final String file;
    private final String at;
    private final Chip chip;

    /**
     * @param file the rig file, for messages
     * @param at   the firmware profile's key path, e.g. {@code boards[0].firmware}
     * @param chip the board's chip
     */
    BoardFirmwareCheck(String file, String at, Chip chip) {
        this.file = file;
        this.at = at;
        this.chip = chip;
    }

    /**
     * The board's design as the rig file writes it must be the one its bootloader manifest declares: that
     * manifest is what the scenarios trust for the layout and the promised outcomes.
     */
    void design(String design, FirmwareImage bootloader, Collection<FirmwareImage> referenced) {
        if (!design.equals(bootloader.design())) {
            TreeSet<String> known = new TreeSet<>();
            referenced.forEach(i -> known.add(i.design()));
            throw new RigConfigurationException(file, at + ".design", "'" + design + "' is not the design of the"
                    + " bootloader manifest " + bootloader.manifest().getFileName() + ", which says '"
                    + bootloader.design() + "' (the bootloader manifest decides the layout and the promised outcomes;"
                    + " designs in the manifests this board references: " + known + ")",
                    "write design: " + bootloader.design() + ", or reference the manifests built for design " + design);
        }
    }

    /** The bootloader: role, design, and placement at the start of its own layout's bootloader region. */
    FlashLayout bootloader(String key, FirmwareImage boot, String design) {
        role(key, boot, "bootloader");
        sameDesign(key, boot, design);
        FlashLayout layout = boot.layout();
        Region bootRegion = region(key, boot, layout, BOOTLOADER_REGION);
        region(key, boot, layout, APP_REGION);
        if (bootRegion.start() != chip.flashBase()) {
            throw new RigConfigurationException(file, key, "layout of " + name(boot) + " puts the bootloader at "
                    + bootRegion + ", but the " + chip + " boots from " + Region.hex(chip.flashBase()),
                    "start layout.bootloader at " + Region.hex(chip.flashBase()));
        }
        placed(key, boot, bootRegion);
        return layout;
    }

    /** An application image (provisioned app or update): role, design, placement, vector table. */
    void application(String key, FirmwareImage app, String design, FlashLayout layout) {
        role(key, app, "app");
        sameDesign(key, app, design);
        Region appRegion = layout.region(APP_REGION).orElseThrow();
        placed(key, app, appRegion);
        vectorTable(key, app);
    }

    /** A variant: a bootloader checked like the board's bootloader, an app like the board's apps. */
    void variant(String key, FirmwareImage variant, String design, FlashLayout layout) {
        if (variant.isBootloader()) {
            bootloader(key, variant, design);
        } else {
            application(key, variant, design, layout);
        }
    }

    /** The upgrade must be distinguishable from what was provisioned, or its verdict means nothing. */
    void update(FirmwareImage app, FirmwareImage update) {
        if (app.version().equals(update.version()) || app.sha256().equals(update.sha256())) {
            throw new RigConfigurationException(file, at + ".update", name(update) + " (v" + update.version()
                    + ") cannot be told apart from the provisioned app " + name(app) + " (v" + app.version()
                    + "): same version or same bytes", "reference the newer image (e.g. the v2.0 manifest) as 'update'");
        }
    }

    /** A provisioning write lies in flash on program units and does not overwrite an image being provisioned. */
    void provisionWrite(String key, int address, byte[] bytes, FirmwareImage... images) {
        if (bytes.length == 0 || bytes.length % chip.programUnit() != 0
                || Integer.remainderUnsigned(address, chip.programUnit()) != 0) {
            throw new RigConfigurationException(file, key, bytes.length + " bytes at " + Region.hex(address)
                    + " are not whole " + chip.programUnit() + "-byte program units of the " + chip,
                    "write whole program units at an aligned address (e.g. \"0000\" for an F1 half-word)");
        }
        long start = Integer.toUnsignedLong(address);
        long end = start + bytes.length;
        long flashStart = Integer.toUnsignedLong(chip.flashBase());
        if (start < flashStart || end > flashStart + chip.flashSize()) {
            throw new RigConfigurationException(file, key, Region.hex(address) + " is not in the " + chip + "'s flash",
                    "write an address inside main flash (the design's flag or data region)");
        }
        for (FirmwareImage image : images) {
            long imageStart = Integer.toUnsignedLong(image.loadAddress());
            if (start < imageStart + image.size() && imageStart < end) {
                throw new RigConfigurationException(file, key, "the write lands on " + name(image) + " at "
                        + Region.hex(image.loadAddress()) + " (" + image.size() + " bytes)",
                        "write only outside the images, e.g. in the design's flag region");
            }
        }
    }

    private void role(String key, FirmwareImage image, String expected) {
        if (!expected.equalsIgnoreCase(image.role())) {
            throw new RigConfigurationException(file, key, name(image) + " is " + article(image.role()) + " image, this"
                    + " key needs " + article(expected), "reference the " + expected + " manifest of the design here");
        }
    }

    private void sameDesign(String key, FirmwareImage image, String design) {
        if (!design.equals(image.design())) {
            throw new RigConfigurationException(file, key, name(image) + " is built for design " + image.design()
                    + ", the board runs design " + design + " (another design's image would be judged against the"
                    + " wrong promises)", "reference the " + design + " image");
        }
    }

    private Region region(String key, FirmwareImage boot, FlashLayout layout, String region) {
        return layout.region(region).orElseThrow(() -> new RigConfigurationException(file, key, name(boot)
                + " declares no layout." + region + " region (regions: " + layout.regions().keySet() + ")",
                "add layout." + region + ": [start, end) to the bootloader's descriptor and regenerate the manifest"));
    }

    private void placed(String key, FirmwareImage image, Region region) {
        if (image.loadAddress() != region.start()) {
            throw new RigConfigurationException(file, key, name(image) + " loads at " + Region.hex(image.loadAddress())
                    + ", but its partition is " + region + " (the bootloader jumps to the region's start)",
                    "set loadAddress to " + Region.hex(region.start()) + " (rebuild the image for that address)");
        }
        if (Integer.toUnsignedLong(image.loadAddress()) + image.size() > Integer.toUnsignedLong(region.end())) {
            throw new RigConfigurationException(file, key, name(image) + " is " + image.size() + " bytes, more than"
                    + " its partition " + region + " holds (" + region.size() + ")",
                    "shrink the image or correct the layout");
        }
    }

    /**
     * Word 0 is the initial stack pointer (inside the chip's SRAM, word-aligned, top of stack may be SRAM's end),
     * word 1 the reset vector (Thumb bit set, pointing into the image). An image built for another chip or another
     * load address fails here instead of "bricking" a board in a scenario.
     */
    private void vectorTable(String key, FirmwareImage image) {
        if (image.size() < 8) {
            throw new RigConfigurationException(file, key, name(image) + " is " + image.size()
                    + " bytes, too short for a vector table", "reference a complete application image");
        }
        ByteBuffer words = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        try (InputStream in = Files.newInputStream(image.file())) {
            words.put(in.readNBytes(8)).flip();
        } catch (IOException e) {
            throw new RigConfigurationException(file, key, "cannot read " + image.file() + ": " + e.getMessage(),
                    "check the file's permissions");
        }
        long sp = Integer.toUnsignedLong(words.getInt());
        long reset = Integer.toUnsignedLong(words.getInt());
        long sramStart = Integer.toUnsignedLong(chip.sramBase());
        long sramEnd = sramStart + chip.sramSize();
        if (sp <= sramStart || sp > sramEnd || sp % 4 != 0) {
            throw new RigConfigurationException(file, key, name(image) + "'s initial stack pointer (word 0) is "
                    + String.format("0x%08X", sp) + ", not a word-aligned address in the " + chip + "'s SRAM ("
                    + String.format("0x%08X..0x%08X", sramStart, sramEnd) + ")",
                    "reference an application image built for the " + chip + " (wrong chip or not an application?)");
        }
        long start = Integer.toUnsignedLong(image.loadAddress());
        long target = reset & ~1L;
        if ((reset & 1) == 0 || target < start || target >= start + image.size()) {
            throw new RigConfigurationException(file, key, name(image) + "'s reset vector (word 1) is "
                    + String.format("0x%08X", reset) + ", not a Thumb address inside the image ["
                    + Region.hex(image.loadAddress()) + ", " + String.format("0x%08X", start + image.size()) + ")",
                    "reference the image built for load address " + Region.hex(image.loadAddress())
                            + " (or correct loadAddress to the one it was linked for)");
        }
    }

    private static String article(String role) {
        return ("aeiou".indexOf(Character.toLowerCase(role.charAt(0))) >= 0 ? "an " : "a ") + role;
    }

    private static String name(FirmwareImage image) {
        return image.manifest().getFileName().toString();
    }
}
