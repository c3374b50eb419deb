package dev.brickproof.fuzz;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.time.RigClock;
import java.time.Duration;

/**
 * A peer that says a fixed script of bytes whatever it is sent, on a clock that moves only when someone waits:
 * a read past the end of the script lets its whole timeout pass at once. So a client fed fuzzed answers runs
 * through its timeouts and retries in microseconds, deterministically.
 */
final class ScriptedDevice implements ByteLink {
    /** Time one byte takes on a 115200 8N1 line. */
    private static final Duration BYTE_TIME = Duration.ofNanos(86_806);
    private final byte[] script;
    private final ManualClock clock = new ManualClock();
    private int position;
    private long written;

    ScriptedDevice(byte[] script) {
        this.script = script.clone();
    }

    /** Bytes the client sent. */
    long written() {
        return written;
    }

    @Override
    public String name() {
        return "scripted device";
    }

    @Override
    public RigClock clock() {
        return clock;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        written += length;
        clock.pause(BYTE_TIME.multipliedBy(length));
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        int n = Math.min(length, script.length - position);
        if (n <= 0) {
            clock.pause(timeout.isNegative() || timeout.isZero() ? Duration.ofNanos(1) : timeout);
            return 0;
        }
        System.arraycopy(script, position, buffer, offset, n);
        position += n;
        clock.pause(BYTE_TIME.multipliedBy(n));
        return n;
    }

    @Override
    public void discardInput() {
        // the script is what the device says from now on: there is nothing received and unread
    }

    @Override
    public void configure(LineSettings settings) {
    }

    @Override
    public void close() {
    }

    /** Time that passes only when the client waits or pauses. */
    static final class ManualClock implements RigClock {
        private Duration now = Duration.ZERO;

        @Override
        public Duration now() {
            return now;
        }

        @Override
        public void pause(Duration duration) {
            now = now.plus(duration);
        }
    }
}
