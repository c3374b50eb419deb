package dev.brickproof.rig.driver.gpio;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A run's record of every GPIO write, in order: {@code <seq> <time> <thread> <output> <line> asserted|released},
 * plus refused writes and notes such as the start of an interruption. Lets a person (or a test) see which
 * level each line was left at and that nothing drove the board after Ctrl-C. Best effort: a journal that
 * cannot be written never stops the rig.
 */
public final class GpioJournal {
    private final Path file;
    private Writer out;
    private long seq;
    private boolean broken;

    /** A journal written to {@code file}, created on the first entry. */
    public GpioJournal(Path file) {
        this.file = file;
    }

    /** A journal that records nothing. */
    public static GpioJournal none() {
        return new GpioJournal(null);
    }

    public Path file() {
        return file;
    }

    synchronized void write(String output, Object line, boolean asserted) {
        append(output + " " + line + " " + (asserted ? "asserted" : "released"));
    }

    synchronized void refused(String output, Object line, boolean asserted) {
        append("REFUSED " + output + " " + line + " " + (asserted ? "asserted" : "released")
                + " (the run is interrupted; only the safe state is driven)");
    }

    /** A free-text line, e.g. {@code === interrupted at ... ===}. */
    public synchronized void note(String text) {
        append(text);
    }

    synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // best effort
            }
            out = null;
        }
        broken = true;
    }

    private void append(String entry) {
        if (file == null || broken) {
            return;
        }
        try {
            if (out == null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            out.write(++seq + " " + Instant.now() + " [" + Thread.currentThread().getName() + "] " + entry + "\n");
            out.flush();
        } catch (IOException e) {
            broken = true;
        }
    }
}
