package dev.brickproof.rig.protocol.bench;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.testing.ForwardingByteLink;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A receiving end that models a UART at {@code baud}: bytes coming out of the wrapped link (a pty, which has no
 * line rate) become readable only when their stop bit would have arrived, one byte time after the previous
 * one. Writes pass through. For benchmarks of senders at a realistic line rate.
 */
final class LineRateLink extends ForwardingByteLink {
    private final long byteNanos;
    private final ArrayDeque<long[]> queue = new ArrayDeque<>(); // {byte, arrival nanos}
    private long lastArrival;

    LineRateLink(ByteLink inner, int baud, int bitsPerByte) {
        super(inner);
        this.byteNanos = 1_000_000_000L * bitsPerByte / baud;
    }

    @Override
    public String name() {
        return inner.name() + " @ line rate";
    }

    private void pull(Duration timeout) {
        byte[] buf = new byte[4096];
        int n = inner.read(buf, 0, buf.length, timeout);
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            lastArrival = Math.max(lastArrival, now) + byteNanos;
            queue.add(new long[] {buf[i] & 0xFF, lastArrival});
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long now = System.nanoTime();
            int n = 0;
            while (n < length && !queue.isEmpty() && queue.peekFirst()[1] <= now) {
                buffer[offset + n++] = (byte) queue.pollFirst()[0];
            }
            if (n > 0) {
                return n;
            }
            if (now >= end) {
                return 0;
            }
            long wait = queue.isEmpty() ? end - now : Math.min(end, queue.peekFirst()[1]) - now;
            if (queue.isEmpty()) {
                pull(Duration.ofNanos(Math.max(0, wait)));
            } else {
                pull(Duration.ZERO);
                long left = Math.min(end, queue.peekFirst()[1]) - System.nanoTime();
                if (left > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(left);
                }
            }
        }
    }

    @Override
    public void discardInput() {
        queue.clear();
        inner.discardInput();
    }
}
