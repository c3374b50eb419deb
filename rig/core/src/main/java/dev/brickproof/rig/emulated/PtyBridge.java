package dev.brickproof.rig.emulated;

import dev.brickproof.emulator.Uart;
import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.link.pty.PseudoTerminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Joins an emulated board's USART1 to a pseudo-terminal, so that the harness opens it with jSerialComm like
 * any USB adapter. Two threads: one feeds bytes from the pty to the board, holding back while the wire model
 * has more than a FIFO's worth queued (so that the host feels the line rate, as with a real UART), the other
 * writes what the board transmits to the pty (a separate writer, so neither side can deadlock on full tty
 * buffers).
 */
final class PtyBridge implements AutoCloseable {
    private static final int WIRE_BACKLOG = 16;
    private final PseudoTerminal pty;
    private final Uart uart;
    private final LinkedBlockingQueue<Byte> toHost = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final Thread writer;
    private volatile boolean running = true;

    PtyBridge(Uart uart, Path link, String name) {
        this.uart = uart;
        this.pty = PseudoTerminal.open(link);
        uart.onTransmit(b -> toHost.add((byte) b));
        reader = new Thread(this::hostToBoard, "pty-to-" + name);
        writer = new Thread(this::boardToHost, name + "-to-pty");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    Path portPath() {
        return pty.link().orElse(pty.slavePath());
    }

    private void hostToBoard() {
        byte[] buf = new byte[WIRE_BACKLOG];
        try {
            while (running) {
                int n = pty.read(buf, 0, buf.length, Duration.ofMillis(100));
                if (n <= 0) {
                    continue;
                }
                while (running && uart.pendingToBoard() > WIRE_BACKLOG) {
                    LockSupport.parkNanos(200_000);
                }
                byte[] chunk = new byte[n];
                System.arraycopy(buf, 0, chunk, 0, n);
                uart.send(chunk);
            }
        } catch (LinkException e) {
            if (running) {
                throw e;
            }
        }
    }

    private void boardToHost() {
        byte[] one = new byte[1];
        try {
            while (running) {
                Byte b = toHost.poll(100, TimeUnit.MILLISECONDS);
                if (b == null) {
                    continue;
                }
                one[0] = b;
                // one byte per write: a timeout then means nothing was written, so nothing is lost or doubled
                while (running) {
                    try {
                        pty.write(one, 0, 1, Duration.ofMillis(100));
                        break;
                    } catch (LinkException e) {
                        if (pty.isClosed()) {
                            return;
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LinkException e) {
            if (running) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(1000);
            writer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pty.close();
    }
}
