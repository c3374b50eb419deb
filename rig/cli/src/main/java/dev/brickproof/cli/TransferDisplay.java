package dev.brickproof.cli;

import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.TransferProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows what a long command is doing, on stderr so that stdout stays the result: a progress bar (bytes, rate,
 * ETA) when a person watches a terminal, otherwise one line per step with its elapsed time and at most one
 * transfer line a second, for logs.
 */
final class TransferDisplay implements AutoCloseable {
    private static final Duration LOG_EVERY = Duration.ofSeconds(1);
    private final PrintWriter err;
    private final boolean terminal;
    private ProgressBar bar;
    private long lastLogged = Long.MIN_VALUE;
    private TransferProgress last;

    /** {@code terminal}: draw a progress bar on the process's stderr (a person watches it). */
    TransferDisplay(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Runs one step, then prints its elapsed time. */
    <T> T step(String name, java.util.function.Supplier<T> body) {
        long start = System.nanoTime();
        err.println("brickproof: " + name + " ...");
        T result = body.get();
        close(); // a transfer's bar ends with its step
        err.println("brickproof: " + name + " done in " + seconds(System.nanoTime() - start));
        return result;
    }

    void step(String name, Runnable body) {
        step(name, () -> {
            body.run();
            return null;
        });
    }

    /** The listener to hand to an update driver or protocol client. */
    ProgressListener listener() {
        return this::show;
    }

    private synchronized void show(TransferProgress p) {
        last = p;
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("transfer").setInitialMax(Math.max(p.bytesTotal(), 1))
                        .setUnit(" kB", 1024).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            }
            if (p.bytesTotal() > 0) {
                bar.maxHint(p.bytesTotal());
            }
            bar.stepTo(p.bytesDone());
            bar.setExtraMessage(" " + p.phase());
            return;
        }
        long now = System.nanoTime();
        boolean done = p.bytesTotal() > 0 && p.bytesDone() >= p.bytesTotal();
        if (lastLogged == Long.MIN_VALUE || done || now - lastLogged >= LOG_EVERY.toNanos()) {
            lastLogged = now;
            err.println("brickproof: " + p.phase() + " " + p.bytesDone() + "/" + p.bytesTotal() + " bytes, "
                    + rate(p) + ", elapsed " + seconds(p.elapsed().toNanos()) + eta(p));
        }
    }

    private static String rate(TransferProgress p) {
        return String.format("%.1f kB/s", p.rate() / 1024);
    }

    private static String eta(TransferProgress p) {
        if (p.rate() <= 0 || p.bytesTotal() <= 0 || p.bytesDone() >= p.bytesTotal()) {
            return "";
        }
        return ", ETA " + seconds((long) ((p.bytesTotal() - p.bytesDone()) / p.rate() * 1e9));
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public synchronized void close() {
        closeBar();
    }
}
