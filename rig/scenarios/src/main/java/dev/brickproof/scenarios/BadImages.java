package dev.brickproof.scenarios;

import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Region;
import dev.brickproof.rig.resource.RejectKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Makes the bad update images of {@link RejectKind} from a board's real images, into a directory of generated
 * files (nothing hand-edited is committed). Flips are XOR 0xFF of one byte; the positions are fixed so that a
 * finding can be replayed.
 */
public final class BadImages {
    /** The vector table's reset vector, second byte: the entry point moves by a multiple of 256 bytes. */
    static final int HEADER_OFFSET = 5;
    /** The block size of "the last block" (a YMODEM short block). */
    static final int LAST_BLOCK = 128;

    private final Path dir;

    public BadImages(Path dir) {
        this.dir = dir;
    }

    /**
     * The bad image of {@code kind} for the board's firmware: derived from its update (v2), or for
     * {@link RejectKind#DOWNGRADE} its v1 (to be sent to a board running v2), or for {@link RejectKind#OTHER_CHIP}
     * {@code foreignApp}, an application built for another chip.
     */
    public BadImage make(RejectKind kind, FirmwareProfile fw, Optional<FirmwareImage> foreignApp) {
        FirmwareImage v2 = fw.update();
        byte[] real = read(v2.file());
        return switch (kind) {
            case HEADER_FLIP -> flipped(kind, v2, real, HEADER_OFFSET);
            case BODY_FLIP -> flipped(kind, v2, real, real.length / 2);
            case LAST_BLOCK_FLIP -> flipped(kind, v2, real, lastBlockOffset(real.length));
            case TRUNCATED -> {
                byte[] half = truncated(real);
                yield new BadImage(kind, derived(kind, v2, half), "first " + half.length + " of " + real.length + " bytes");
            }
            case OVERSIZE -> {
                Region app = appRegion(fw);
                byte[] big = oversize(real, v2.loadAddress(), app, fw.bootloader().chip().pageSize());
                yield new BadImage(kind, derived(kind, v2, big), big.length + " bytes from " + Region.hex(v2.loadAddress())
                        + ": " + (big.length - (app.end() - v2.loadAddress())) + " bytes past the end of " + app);
            }
            case OTHER_CHIP -> {
                FirmwareImage foreign = foreignApp.filter(f -> f.chip() != v2.chip()).orElseThrow(() ->
                        new RigConfigurationException(v2.manifest().toString(), "rejects.other-chip",
                                "no application built for a chip other than " + v2.chip() + " is on the rig",
                                "add a board with the other chip to the rig, or leave other-chip out of rejects:"));
                yield new BadImage(kind, derived(kind, v2, read(foreign.file())), "the real "
                        + foreign.label() + ", built for the " + foreign.chip() + " (its vector table and addresses are that"
                        + " chip's), sent to a " + v2.chip());
            }
            case DOWNGRADE -> new BadImage(kind, fw.app(), fw.app().label() + " sent to a board running v"
                    + v2.version());
        };
    }

    /** XOR 0xFF of the byte at {@code offset}. */
    static byte[] flip(byte[] image, int offset) {
        byte[] copy = image.clone();
        copy[offset] ^= (byte) 0xFF;
        return copy;
    }

    /** The middle of the last {@link #LAST_BLOCK}-byte block (or of the image's tail when shorter). */
    static int lastBlockOffset(int length) {
        int lastBlockStart = ((length - 1) / LAST_BLOCK) * LAST_BLOCK;
        return lastBlockStart + (length - lastBlockStart) / 2;
    }

    /** The first half, rounded down to a word. */
    static byte[] truncated(byte[] image) {
        return Arrays.copyOf(image, (image.length / 2) & ~3);
    }

    /** The image followed by seeded non-erased filler up to one page past the end of {@code app}. */
    static byte[] oversize(byte[] image, int loadAddress, Region app, int pageSize) {
        int size = app.end() - loadAddress + pageSize;
        byte[] big = Arrays.copyOf(image, size);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = image.length; i < size; i++) {
            big[i] = (byte) random.nextInt(0x00, 0xFF); // never 0xFF: every byte is programmed
        }
        return big;
    }

    private static Region appRegion(FirmwareProfile fw) {
        return fw.bootloader().layout().region("app").orElseThrow(() -> new RigConfigurationException(
                fw.bootloader().manifest().toString(), "layout.app", "no app region: an oversize image needs its end",
                "add layout.app to the bootloader manifest, or leave oversize out of rejects:"));
    }

    private BadImage flipped(RejectKind kind, FirmwareImage v2, byte[] real, int offset) {
        byte[] bad = flip(real, offset);
        return new BadImage(kind, derived(kind, v2, bad), String.format("byte 0x%04X of %d flipped (0x%02X -> 0x%02X)",
                offset, real.length, real[offset] & 0xFF, bad[offset] & 0xFF));
    }

    private FirmwareImage derived(RejectKind kind, FirmwareImage v2, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            String base = v2.file().getFileName().toString().replaceFirst("\\.bin$", "");
            Path file = dir.resolve(base + "-" + kind.key() + ".bin");
            Files.write(file, bytes);
            return new FirmwareImage(v2.manifest(), file, v2.chip(), v2.design(), v2.role(), v2.variant() + ", " + kind.key(),
                    v2.version(), v2.loadAddress(), bytes.length, FirmwareManifests.sha256(bytes), v2.banner(),
                    v2.expectedOutcome(), v2.layout());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated bad image into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
