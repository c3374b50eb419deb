package dev.brickproof.rig.protocol.bench;

import dev.brickproof.api.FlashOperation;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One design's full upgrade on the emulated board against its physical floor.
 *
 * <p>floor = hostBytes × bitsPerByte / baud (every byte the host put on the wire, framing included, no
 * resends happened) + the virtual time the flash controller was busy (the emulator's datasheet figures:
 * F103 page erase 30 ms, half-word 52.5 µs; L431 page erase 22 ms, double-word 81.7 µs). ratio = seconds /
 * floor.
 */
record UpgradeMeasurement(String design, String chip, String client, int imageBytes, String imageNote,
                          double seconds, long hostBytes, long deviceBytes, int bitsPerByte, String framing,
                          double wireSeconds, int pageErases, double eraseSeconds, int programOps,
                          double programSeconds, String note) {
    static final int BAUD = 115_200;
    static final double TARGET = 1.05;

    static UpgradeMeasurement of(String design, String chip, String client, int imageBytes, String imageNote,
                                 BenchBoard.Window window, int bitsPerByte, String framing, String note) {
        List<FlashOperation> ops = window.flashOps();
        int erases = 0;
        int programs = 0;
        Duration erase = Duration.ZERO;
        Duration program = Duration.ZERO;
        for (FlashOperation op : ops) {
            if (op.kind() == FlashOperation.Kind.PROGRAM) {
                programs++;
                program = program.plus(op.duration());
            } else {
                erases++;
                erase = erase.plus(op.duration());
            }
        }
        long host = window.hostBytes();
        return new UpgradeMeasurement(design, chip, client, imageBytes, imageNote, window.elapsed().toNanos() / 1e9,
                host, window.deviceBytes(), bitsPerByte, framing, host * (double) bitsPerByte / BAUD, erases,
                erase.toNanos() / 1e9, programs, program.toNanos() / 1e9, note);
    }

    double floorSeconds() {
        return wireSeconds + eraseSeconds + programSeconds;
    }

    double ratio() {
        return seconds / floorSeconds();
    }

    double floorProgramHiddenSeconds() {
        return wireSeconds + eraseSeconds;
    }

    double ratioProgramHidden() {
        return seconds / floorProgramHiddenSeconds();
    }

    double residualSeconds() {
        return seconds - floorSeconds();
    }

    boolean withinTarget() {
        return ratio() <= TARGET;
    }

    String json() {
        return String.format(Locale.ROOT, "    {\"design\": \"%s\", \"chip\": \"%s\", \"client\": \"%s\", "
                        + "\"imageBytes\": %d, \"imageNote\": \"%s\", \"seconds\": %.4f, \"hostBytes\": %d, "
                        + "\"deviceBytes\": %d, \"bitsPerByte\": %d, \"framing\": \"%s\", \"wireSeconds\": %.4f, "
                        + "\"pageErases\": %d, \"eraseSeconds\": %.4f, \"programOps\": %d, \"programSeconds\": %.4f, "
                        + "\"floorSeconds\": %.4f, \"ratio\": %.3f, \"target\": %.2f, \"withinTarget\": %s, "
                        + "\"residualSeconds\": %.4f, \"floorProgramHiddenSeconds\": %.4f, "
                        + "\"ratioProgramHidden\": %.3f, \"note\": \"%s\"}",
                design, chip, client, imageBytes, imageNote, seconds, hostBytes, deviceBytes, bitsPerByte,
                framing, wireSeconds, pageErases, eraseSeconds, programOps, programSeconds, floorSeconds(), ratio(),
                TARGET, withinTarget(), residualSeconds(), floorProgramHiddenSeconds(), ratioProgramHidden(),
                note.replace("\"", "'"));
    }

    String row() {
        return String.format(Locale.ROOT, "%-26s %-12s %6d %8.3f %8.3f %8.3f %8.3f %7.3f %8.3f  %s", design,
                chip, imageBytes, seconds, wireSeconds, eraseSeconds + programSeconds, floorSeconds(), ratio(),
                ratioProgramHidden(), withinTarget() ? "ok" : "> 1.05 (see note)");
    }
}
