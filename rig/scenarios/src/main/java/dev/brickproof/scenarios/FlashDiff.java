package dev.brickproof.scenarios;

import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.resource.Region;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Flash after a cut compared with the images that may legitimately be there: for each image, which of its
 * pages hold exactly that image's bytes, which are erased, and which hold something else.
 */
public final class FlashDiff {
    private FlashDiff() { }

    /** {@code flash} is main flash from {@code flashBase}. */
    public static String of(byte[] flash, int flashBase, int pageSize, FlashLayout layout, List<FirmwareImage> images) {
        StringBuilder sb = new StringBuilder();
        for (FirmwareImage image : images) {
            byte[] want = bytes(image);
            String region = layout.inOrder().stream().filter(r -> r.contains(image.loadAddress())).map(Region::name)
                    .findFirst().orElse("flash");
            sb.append(image.label()).append(" at ").append(Region.hex(image.loadAddress())).append(" (")
                    .append(region).append("): ");
            StringBuilder pages = new StringBuilder();
            int same = 0;
            int count = (want.length + pageSize - 1) / pageSize;
            for (int p = 0; p < count; p++) {
                int off = image.loadAddress() - flashBase + p * pageSize;
                int len = Math.min(pageSize, want.length - p * pageSize);
                char c = 'x';
                boolean equal = true;
                boolean erased = true;
                for (int i = 0; i < len; i++) {
                    byte have = flash[off + i];
                    equal &= have == want[p * pageSize + i];
                    erased &= have == (byte) 0xFF;
                }
                if (equal) {
                    c = '=';
                    same++;
                } else if (erased) {
                    c = '.';
                }
                pages.append(c);
            }
            sb.append(same == count ? "identical" : same + " of " + count + " pages identical").append('\n')
                    .append("  pages ").append(pages).append('\n');
        }
        return sb.append("  (= identical page, . erased page, x other content)\n").toString();
    }

    private static byte[] bytes(FirmwareImage image) {
        try {
            return Files.readAllBytes(image.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
