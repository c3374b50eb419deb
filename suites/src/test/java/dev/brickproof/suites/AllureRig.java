package dev.brickproof.suites;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.driver.FlashReader;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.resource.Region;
import dev.brickproof.rig.verdict.Verdict;
import io.qameta.allure.Allure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/** Allure glue for rig actions: named steps, transcript and flash-map attachments. Lives in suites, not rig/. */
public final class AllureRig {
    private AllureRig() { }

    public static void step(String name, Runnable action) {
        Allure.step(name, action::run);
    }

    public static <T> T step(String name, Supplier<T> action) {
        return Allure.step(name, action::get);
    }

    /** Names the running test in the report (TestNG's description is the same for every data row). */
    public static void testName(String name) {
        Allure.getLifecycle().updateTestCase(tc -> tc.setName(name));
    }

    public static void parameter(String name, Object value) {
        Allure.parameter(name, value);
    }

    /** Attaches a console transcript (the file written while the scenario ran). */
    public static void attachTranscript(String name, Path transcript) {
        try {
            if (Files.exists(transcript)) {
                byte[] bytes = Files.readAllBytes(transcript);
                Allure.addAttachment(name, "text/plain", printable(bytes), ".log");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Control and non-ASCII bytes shown as {@code <xx>}, so that protocol traffic stays readable. */
    static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7F)) {
                sb.append((char) c);
            } else if (c != '\r') {
                sb.append('<').append(HexFormat.of().toHexDigits((byte) c)).append('>');
            }
        }
        return sb.toString();
    }

    /**
     * Attaches a flash map: every region of the layout with a digest of its content, and for each region that
     * should hold a known image whether it does.
     */
    public static String flashMap(Board board, FlashLayout layout, List<FirmwareImage> images) {
        FlashReader reader = board.flashReader().orElse(null);
        StringBuilder sb = new StringBuilder();
        sb.append("board ").append(board.id()).append(" (").append(board.resource().chip()).append(")\n");
        if (reader == null) {
            sb.append("flash cannot be read back on this rig\n");
        } else {
            for (Region r : layout.inOrder()) {
                byte[] data = reader.read(r.start(), r.size());
                int used = data.length;
                while (used > 0 && data[used - 1] == (byte) 0xFF) {
                    used--;
                }
                sb.append(String.format("%-11s %s  %6d bytes, %6d programmed, sha256 %s%n", r.name(), r,
                        r.size(), used, dev.brickproof.rig.config.FirmwareManifests.sha256(data).substring(0, 16)));
                for (FirmwareImage image : images) {
                    if (r.contains(image.loadAddress())) {
                        byte[] at = reader.read(image.loadAddress(), image.size());
                        boolean match = dev.brickproof.rig.config.FirmwareManifests.sha256(at).equals(image.sha256());
                        sb.append(String.format("    %s %s%n", match ? "holds " : "differs from", image.label()));
                    }
                }
            }
        }
        String map = sb.toString();
        Allure.addAttachment("flash map " + board.id(), "text/plain", map, ".txt");
        return map;
    }

    public static void attachVerdict(Verdict verdict) {
        Allure.addAttachment("verdict", "text/plain", verdict.toString(), ".txt");
    }
}
