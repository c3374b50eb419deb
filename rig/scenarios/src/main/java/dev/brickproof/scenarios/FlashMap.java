package dev.brickproof.scenarios;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.driver.FlashReader;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.resource.Region;
import java.util.Arrays;
import java.util.List;

/** A flash map in words: every region of the layout with a digest, and which known image each region holds. */
public final class FlashMap {
    private FlashMap() { }

    /** Reads the board's flash region by region through its flash reader. */
    public static String of(Board board, FlashLayout layout, List<FirmwareImage> images) {
        FlashReader reader = board.flashReader().orElse(null);
        String title = title(board);
        if (reader == null) {
            return title + "flash cannot be read back on this rig\n";
        }
        return title + regions(reader, layout, images);
    }

    /** The same map from a dump of main flash that starts at {@code flashBase} (nothing is read from the board). */
    public static String of(Board board, byte[] dump, int flashBase, FlashLayout layout, List<FirmwareImage> images) {
        FlashReader fromDump = (address, length) -> {
            int from = address - flashBase;
            if (from < 0 || from + length > dump.length) {
                throw new IllegalArgumentException(Region.hex(address) + "+" + length + " is outside the dump of "
                        + dump.length + " bytes from " + Region.hex(flashBase));
            }
            return Arrays.copyOfRange(dump, from, from + length);
        };
        return title(board) + regions(fromDump, layout, images);
    }

    private static String title(Board board) {
        return "board " + board.id() + " (" + board.resource().chip() + ")\n";
    }

    private static String regions(FlashReader reader, FlashLayout layout, List<FirmwareImage> images) {
        StringBuilder sb = new StringBuilder();
        for (Region r : layout.inOrder()) {
            byte[] data = reader.read(r.start(), r.size());
            int used = data.length;
            while (used > 0 && data[used - 1] == (byte) 0xFF) {
                used--;
            }
            sb.append(String.format("%-11s %s  %6d bytes, %6d programmed, sha256 %s%n", r.name(), r, r.size(), used,
                    FirmwareManifests.sha256(data).substring(0, 16)));
            for (FirmwareImage image : images) {
                if (r.contains(image.loadAddress())) {
                    byte[] at = reader.read(image.loadAddress(), image.size());
                    boolean match = FirmwareManifests.sha256(at).equals(image.sha256());
                    sb.append(String.format("    %s %s%n", match ? "holds " : "differs from", image.label()));
                }
            }
        }
        return sb.toString();
    }
}
