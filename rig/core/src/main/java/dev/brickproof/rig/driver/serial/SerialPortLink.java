package dev.brickproof.rig.driver.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.RunInterruptedException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.Disconnectable;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.time.RigClock;
import dev.brickproof.rig.time.WallClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A serial port through jSerialComm, the one place that library is used. Its sharp edges are handled here:
 * DTR and RTS are cleared before opening (they would otherwise rise and may reset or re-boot a board wired to
 * them); native reads are kept between 100 ms and 2 s (shorter ones turn non-blocking on Linux, longer ones
 * wrap around) and looped in Java up to the caller's timeout; a disconnect listener (never a data listener,
 * which disables timeouts) notices a vanished USB adapter although {@code isOpen()} stays true.
 *
 * <p>An adapter powered by the board disappears during a power cut and comes back (under the same by-id
 * name): with a non-zero {@code reappearTimeout} the link waits that long for the path to return and reopens
 * it; only then is the port reported disconnected.
 */
public final class SerialPortLink implements ByteLink, Disconnectable {
    private static final int MIN_NATIVE_MS = 100;
    private static final int MAX_NATIVE_MS = 2000;
    private final String name;
    private final Duration reappearTimeout;
    private final RigClock clock = new WallClock();
    private SerialPort port;
    private LineSettings settings;
    /** Set by jSerialComm's disconnect event; handled on the next read or write. */
    private volatile boolean vanished;
    /** The port is gone for good (it did not come back in time): waits fail fast on this. */
    private volatile boolean disconnected;
    private volatile boolean closed;

    private SerialPortLink(String name, LineSettings settings, Duration reappearTimeout) {
        this.name = name;
        this.settings = settings;
        this.reappearTimeout = reappearTimeout;
    }

    /** Opens {@code path} (a /dev/serial/by-id link is followed) with {@code settings}; a vanished port is final. */
    public static SerialPortLink open(String path, LineSettings settings) {
        return open(path, settings, Duration.ZERO);
    }

    /** Opens {@code path}; when it vanishes, waits up to {@code reappearTimeout} for it to come back. */
    public static SerialPortLink open(String path, LineSettings settings, Duration reappearTimeout) {
        if (!Files.exists(Path.of(path))) {
            throw new LinkException("serial port " + path + " does not exist; check that the adapter is plugged in"
                    + " and that serial.port in the rig file names it (ls -l /dev/serial/by-id/)");
        }
        SerialPortLink link = new SerialPortLink(path, settings, reappearTimeout);
        link.port = link.openPort();
        return link;
    }

    private SerialPort openPort() {
        SerialPort p;
        try {
            p = SerialPort.getCommPort(name);
        } catch (SerialPortInvalidPortException e) {
            throw new LinkException("serial port " + name + " cannot be used: " + e.getMessage()
                    + "; check serial.port in the rig file", e);
        }
        p.clearDTR();
        p.clearRTS();
        applySettings(p, settings);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, MIN_NATIVE_MS, 0);
        if (!p.openPort()) {
            throw new LinkException("serial port " + name + " did not open (error " + p.getLastErrorCode()
                    + "); is another program (minicom, screen, stm32flash) holding it, and is the user in group 'dialout'?");
        }
        p.clearDTR();
        p.clearRTS();
        p.addDataListener(new SerialPortDataListener() {
            @Override
            public int getListeningEvents() {
                return SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
            }

            @Override
            public void serialEvent(SerialPortEvent event) {
                if (event.getEventType() == SerialPort.LISTENING_EVENT_PORT_DISCONNECTED) {
                    vanished = true;
                }
            }
        });
        return p;
    }

    private static void applySettings(SerialPort p, LineSettings settings) {
        int parity = settings.parity() == LineSettings.Parity.EVEN ? SerialPort.EVEN_PARITY : SerialPort.NO_PARITY;
        p.setComPortParameters(settings.baudRate(), 8, SerialPort.ONE_STOP_BIT, parity);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RigClock clock() {
        return clock;
    }

    /** True once the port vanished and did not come back (USB unplug, emulator gone). */
    @Override
    public boolean isDisconnected() {
        return disconnected;
    }

    @Override
    public synchronized void write(byte[] data, int offset, int length) {
        ensureUsable("write");
        int done = 0;
        while (done < length) {
            int n = port.writeBytes(data, length - done, offset + done);
            if (n < 0) {
                handleVanished("write");
                continue;
            }
            done += n;
        }
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length, Duration timeout) {
        ensureUsable("read");
        if (length == 0) {
            return 0;
        }
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long leftMs = (end - System.nanoTime()) / 1_000_000;
            int available = port.bytesAvailable();
            if (available < 0 || vanished) {
                handleVanished("read");
                return 0;
            }
            if (available == 0 && leftMs < MIN_NATIVE_MS) {
                // a native read this short would be non-blocking: poll the driver instead
                if (leftMs <= 0) {
                    return 0;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new RunInterruptedException("reading from " + name);
                }
                LockSupport.parkNanos(Duration.ofMillis(Math.min(5, leftMs)).toNanos());
                continue;
            }
            int nativeMs = (int) Math.max(MIN_NATIVE_MS, Math.min(MAX_NATIVE_MS, leftMs));
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, nativeMs, 0);
            int n = port.readBytes(buffer, length, offset);
            if (n < 0) {
                handleVanished("read");
                return 0;
            }
            if (n > 0) {
                return n;
            }
            if (System.nanoTime() >= end) {
                return 0;
            }
        }
    }

    /** The port vanished: reopen it when it comes back within the reappear timeout, else fail for good. */
    private void handleVanished(String op) {
        port.removeDataListener();
        port.closePort();
        long end = System.nanoTime() + reappearTimeout.toNanos();
        while (System.nanoTime() < end) {
            if (Thread.currentThread().isInterrupted()) { // Ctrl-C (the JVM closes every port at shutdown)
                throw new RunInterruptedException("waiting for " + name + " to reappear");
            }
            if (Files.exists(Path.of(name))) {
                try {
                    vanished = false;
                    port = openPort();
                    return;
                } catch (LinkException notYet) {
                    // the node exists but is not ready: try again
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        disconnected = true;
        throw vanished(op);
    }

    @Override
    public synchronized void discardInput() {
        ensureUsable("discard");
        byte[] sink = new byte[4096];
        int available;
        while ((available = port.bytesAvailable()) > 0) {
            port.readBytes(sink, Math.min(available, sink.length));
        }
        if (available < 0) {
            handleVanished("discard");
        }
    }

    @Override
    public synchronized void configure(LineSettings newSettings) {
        ensureUsable("configure");
        settings = newSettings;
        applySettings(port, newSettings);
    }

    private void ensureUsable(String op) {
        if (closed) {
            throw new LinkException("serial port " + name + " is closed");
        }
        if (disconnected) {
            throw vanished(op);
        }
    }

    private LinkException vanished(String op) {
        return new LinkException("serial port " + name + " vanished during " + op
                + (reappearTimeout.isZero() ? "" : " and did not come back within " + reappearTimeout.toMillis() + " ms")
                + "; check the USB cable and the adapter's power (adapters powered by the board disappear during a"
                + " power cut: raise serial.reappearTimeout or power the adapter from the Pi)");
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            port.removeDataListener();
            port.closePort();
        }
    }
}
