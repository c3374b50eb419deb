package dev.brickproof.rig.driver.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import com.fazecast.jSerialComm.SerialPortMessageListener;
import dev.brickproof.rig.LinkException;
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
 */
public final class SerialPortLink implements ByteLink, Disconnectable {
    private static final int MIN_NATIVE_MS = 100;
    private static final int MAX_NATIVE_MS = 2000;
    private final SerialPort port;
    private final String name;
    private final RigClock clock = new WallClock();
    private volatile boolean disconnected;
    private volatile boolean closed;

    private SerialPortLink(SerialPort port, String name) {
        this.port = port;
        this.name = name;
    }

    /** Opens {@code path} (a /dev/serial/by-id link is followed) with {@code settings}. */
    public static SerialPortLink open(String path, LineSettings settings) {
        if (!Files.exists(Path.of(path))) {
            throw new LinkException("serial port " + path + " does not exist; check that the adapter is plugged in"
                    + " and that serial.port in the rig file names it (ls -l /dev/serial/by-id/)");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new LinkException("serial port " + path + " cannot be used: " + e.getMessage()
                    + "; check serial.port in the rig file", e);
        }
        port.clearDTR();
        port.clearRTS();
        SerialPortLink link = new SerialPortLink(port, path);
        link.applySettings(settings);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, MIN_NATIVE_MS, 0);
        if (!port.openPort()) {
            throw new LinkException("serial port " + path + " did not open (error " + port.getLastErrorCode()
                    + "); is another program (minicom, screen, stm32flash) holding it, and is the user in group 'dialout'?");
        }
        port.clearDTR();
        port.clearRTS();
        port.addDataListener(new SerialPortMessageListener() {
            @Override
            public int getListeningEvents() {
                return SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
            }

            @Override
            public byte[] getMessageDelimiter() {
                return new byte[] {0};
            }

            @Override
            public boolean delimiterIndicatesEndOfMessage() {
                return true;
            }

            @Override
            public void serialEvent(SerialPortEvent event) {
                if (event.getEventType() == SerialPort.LISTENING_EVENT_PORT_DISCONNECTED) {
                    link.disconnected = true;
                }
            }
        });
        return link;
    }

    private void applySettings(LineSettings settings) {
        int parity = settings.parity() == LineSettings.Parity.EVEN ? SerialPort.EVEN_PARITY : SerialPort.NO_PARITY;
        port.setComPortParameters(settings.baudRate(), 8, SerialPort.ONE_STOP_BIT, parity);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RigClock clock() {
        return clock;
    }

    @Override
    /** True once the port vanished (USB unplug, board power cut on a bus-powered adapter, emulator gone). */
    public boolean isDisconnected() {
        return disconnected;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        ensureUsable();
        int done = 0;
        while (done < length) {
            int n = port.writeBytes(data, length - done, offset + done);
            if (n < 0) {
                disconnected = true;
                throw vanished("write");
            }
            done += n;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        ensureUsable();
        if (length == 0) {
            return 0;
        }
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long leftMs = (end - System.nanoTime()) / 1_000_000;
            int available = port.bytesAvailable();
            if (available < 0) {
                disconnected = true;
                throw vanished("read");
            }
            if (available == 0 && leftMs < MIN_NATIVE_MS) {
                // a native read this short would be non-blocking: poll the driver instead
                if (leftMs <= 0) {
                    return 0;
                }
                LockSupport.parkNanos(Duration.ofMillis(Math.min(5, leftMs)).toNanos());
                continue;
            }
            int nativeMs = (int) Math.max(MIN_NATIVE_MS, Math.min(MAX_NATIVE_MS, leftMs));
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, nativeMs, 0);
            int n = port.readBytes(buffer, length, offset);
            if (n < 0) {
                disconnected = true;
                throw vanished("read");
            }
            if (n > 0) {
                return n;
            }
            if (disconnected) {
                throw vanished("read");
            }
            if (System.nanoTime() >= end) {
                return 0;
            }
        }
    }

    @Override
    public void discardInput() {
        ensureUsable();
        byte[] sink = new byte[4096];
        int available;
        while ((available = port.bytesAvailable()) > 0) {
            port.readBytes(sink, Math.min(available, sink.length));
        }
        if (available < 0) {
            disconnected = true;
            throw vanished("discard");
        }
    }

    @Override
    public void configure(LineSettings settings) {
        ensureUsable();
        applySettings(settings);
    }

    private void ensureUsable() {
        if (closed) {
            throw new LinkException("serial port " + name + " is closed");
        }
        if (disconnected) {
            throw vanished("use");
        }
    }

    private LinkException vanished(String op) {
        return new LinkException("serial port " + name + " vanished during " + op
                + "; check the USB cable and the adapter's power (adapters powered by the board disappear during a power cut)");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            port.removeDataListener();
            port.closePort();
        }
    }
}
