package dev.brickproof.scenarios;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.driver.FlashReader;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.resource.Region;
import java.util.List;

/** A flash map in words: every region of the layout with a digest, and which known image each region holds. */
public final class FlashMap {
    private FlashMap() { }

    public static String of(Board board, FlashLayout layout, List<FirmwareImage> images) {
        FlashReader reader = board.flashReader().orElse(null);
        StringBuilder sb = new StringBuilder();
        sb.append("board ").append(board.id()).append(" (").append(board.resource().chip()).append(")\n");
        if (reader == null) {
            return sb.append("flash cannot be read back on this rig\n").toString();
        }
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
