package dev.brickproof.cli;

import dev.brickproof.scenarios.SweepProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Cuts done / total, rate and ETA on one terminal line, at most every 200 ms; silent when not a terminal. */
final class TerminalProgress implements SweepProgress {
    private final PrintWriter err;
    private final boolean terminal;
    private long lastNanos;
    private boolean printed;

    TerminalProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void cutsDone(int done, int total, Duration elapsed) {
        long now = System.nanoTime();
        if (!terminal || (now - lastNanos < 200_000_000L && done < total)) {
            return;
        }
        lastNanos = now;
        double seconds = Math.max(1e-3, elapsed.toNanos() / 1e9);
        double rate = done / seconds;
        double eta = rate > 0 ? (total - done) / rate : 0;
        err.printf(Locale.ROOT, "\rsweep: %d/%d cuts, %.1f cuts/s, ETA %.0f s   ", done, total, rate, eta);
        err.flush();
        printed = true;
    }

    synchronized void finish() {
        if (printed) {
            err.println();
        }
    }
}
