package dev.brickproof.rig.testing;

import dev.brickproof.rig.config.FirmwareManifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes small fake firmware images with manifests in the format the firmware build produces. */
public final class Firmware {
    private Firmware() { }

    public static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /**
     * Random bytes behind a plausible Cortex-M vector table, as the loader checks application images: initial
     * stack pointer at the top of the STM32F103C8's SRAM, reset vector (Thumb bit set) inside the image.
     */
    public static byte[] application(int size, long seed, int loadAddress) {
        byte[] b = bytes(size, seed);
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(0x2000_5000).putInt(loadAddress + 0x101);
        return b;
    }

    /** Writes {@code name}.bin and {@code name}.yaml into {@code dir}; returns the manifest path. */
    public static Path write(Path dir, String name, String role, String version, String loadAddress, byte[] image,
                             String extraYaml) {
        try {
            Files.createDirectories(dir);
            Path bin = dir.resolve(name + ".bin");
            Files.write(bin, image);
            Path manifest = dir.resolve(name + ".yaml");
            Files.writeString(manifest, String.join("\n",
                    "image: " + name + ".bin",
                    "chip: STM32F103C8",
                    "design: D1",
                    "role: " + role,
                    "variant: good",
                    "version: \"" + version + "\"",
                    "loadAddress: \"" + loadAddress + "\"",
                    "size: " + image.length,
                    "sha256: " + FirmwareManifests.sha256(image),
                    "banner: 'brickproof D1 " + ("bootloader".equals(role) ? "boot" : "app") + " v(\\d+)\\.(\\d+) \\(STM32F103C8\\)'",
                    extraYaml, ""));
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String bootloaderExtras() {
        return String.join("\n",
                "expectedOutcome:",
                "  transfer: BRICKED",
                "  erase: BRICKED",
                "  program: BRICKED",
                "  flag-write: OLD_BOOTS",
                "  apply: NOT_APPLICABLE",
                "  commit: NOT_APPLICABLE",
                "layout:",
                "  bootloader: [\"0x08000000\", \"0x08002800\"]",
                "  app: [\"0x08002800\", \"0x0800F000\"]",
                "  flag: [\"0x0800F000\", \"0x0800F400\"]");
    }
}
