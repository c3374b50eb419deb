package dev.brickproof.scenarios;

import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.resource.Region;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Flash after a cut compared with the images that may legitimately be there: for each image, which of its
 * pages hold exactly that image's bytes, which are erased, which hold something else, and the first address
 * whose byte differs. {@link #compare} gives the values, {@link #of} the same as text.
 */
public final class FlashDiff {
    private FlashDiff() { }

    /**
     * One expected image against flash.
     *
     * @param image           the image's label, e.g. "D1 app v1.0"
     * @param address         its load address
     * @param region          the layout region holding that address ("flash" when none)
     * @param pages           pages the image spans
     * @param identical       pages holding exactly the image's bytes
     * @param erased          pages that differ and are all 0xFF
     * @param marks           one mark per page: '=' identical, '.' erased, 'x' other content
     * @param firstDifference the first address whose byte differs from the image, empty when identical
     */
    public record ImageDiff(String image, int address, String region, int pages, int identical, int erased,
                            String marks, OptionalInt firstDifference) {

        public boolean isIdentical() {
            return identical == pages;
        }

        /** Page numbers (0 = the image's first page) that differ. */
        public List<Integer> differingPages() {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < marks.length(); i++) {
                if (marks.charAt(i) != '=') {
                    out.add(i);
                }
            }
            return out;
        }
    }

    /** {@code flash} is main flash from {@code flashBase}. */
    public static List<ImageDiff> compare(byte[] flash, int flashBase, int pageSize, FlashLayout layout,
                                          List<FirmwareImage> images) {
        List<ImageDiff> out = new ArrayList<>();
        for (FirmwareImage image : images) {
            byte[] want = bytes(image);
            String region = layout.inOrder().stream().filter(r -> r.contains(image.loadAddress())).map(Region::name)
                    .findFirst().orElse("flash");
            StringBuilder marks = new StringBuilder();
            int same = 0;
            int blank = 0;
            int firstDiff = -1;
            int count = (want.length + pageSize - 1) / pageSize;
            for (int p = 0; p < count; p++) {
                int off = image.loadAddress() - flashBase + p * pageSize;
                int len = Math.min(pageSize, want.length - p * pageSize);
                boolean equal = true;
                boolean erased = true;
                for (int i = 0; i < len; i++) {
                    byte have = flash[off + i];
                    boolean byteEqual = have == want[p * pageSize + i];
                    if (!byteEqual && firstDiff < 0) {
                        firstDiff = image.loadAddress() + p * pageSize + i;
                    }
                    equal &= byteEqual;
                    erased &= have == (byte) 0xFF;
                }
                if (equal) {
                    marks.append('=');
                    same++;
                } else if (erased) {
                    marks.append('.');
                    blank++;
                } else {
                    marks.append('x');
                }
            }
            out.add(new ImageDiff(image.label(), image.loadAddress(), region, count, same, blank, marks.toString(),
                    firstDiff < 0 ? OptionalInt.empty() : OptionalInt.of(firstDiff)));
        }
        return out;
    }

    /** {@code flash} is main flash from {@code flashBase}. */
    public static String of(byte[] flash, int flashBase, int pageSize, FlashLayout layout, List<FirmwareImage> images) {
        return text(compare(flash, flashBase, pageSize, layout, images));
    }

    /** The diffs in words, one block per image. */
    public static String text(List<ImageDiff> diffs) {
        StringBuilder sb = new StringBuilder();
        for (ImageDiff d : diffs) {
            sb.append(d.image()).append(" at ").append(Region.hex(d.address())).append(" (").append(d.region())
                    .append("): ").append(d.isIdentical() ? "identical" : d.identical() + " of " + d.pages()
                            + " pages identical");
            d.firstDifference().ifPresent(a -> sb.append(", first difference at ").append(Region.hex(a)));
            sb.append('\n').append("  pages ").append(d.marks()).append('\n');
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
