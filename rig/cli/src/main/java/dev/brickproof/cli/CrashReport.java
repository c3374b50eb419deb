package dev.brickproof.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An uncaught exception is a bug in Brickproof (exit 70, sysexits EX_SOFTWARE): its stack trace goes to a
 * file and stderr gets one line naming that file, so that a script's log stays readable.
 */
final class CrashReport {
    private final Path directory;

    CrashReport(Path directory) {
        this.directory = directory;
    }

    /** Writes the report and returns the one line for stderr. */
    String write(Throwable bug, String commandLine) {
        StringWriter trace = new StringWriter();
        try (PrintWriter w = new PrintWriter(trace)) {
            w.println("brickproof internal error at " + Instant.now());
            w.println("command: " + commandLine);
            w.println("java: " + System.getProperty("java.version") + " on " + System.getProperty("os.name"));
            bug.printStackTrace(w);
        }
        String summary = "brickproof: internal error (a bug in Brickproof, not in your board or rig file): " + bug;
        try {
            Files.createDirectories(directory);
            Path file = Files.createTempFile(directory, "brickproof-crash-", ".txt");
            Files.writeString(file, trace.toString(), StandardCharsets.UTF_8);
            return summary + "; stack trace in " + file + " (attach it to a bug report)";
        } catch (IOException e) {
            return summary + "; the stack trace could not be written to " + directory + " (" + e.getMessage() + ")";
        }
    }
}
