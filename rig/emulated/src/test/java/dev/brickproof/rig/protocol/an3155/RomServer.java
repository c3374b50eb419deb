package dev.brickproof.rig.protocol.an3155;

import dev.brickproof.api.Chip;
import dev.brickproof.emulator.rom.MemoryRomTarget;
import dev.brickproof.emulator.rom.RomBootloader;
import dev.brickproof.rig.driver.BootModeControl;
import dev.brickproof.rig.driver.ResetControl;
import dev.brickproof.rig.link.pty.PseudoTerminal;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Our ROM bootloader model behind a real pty: the master's bytes go to {@link RomBootloader} on a pump
 * thread (wall-clock time), its replies go back. Clients (stm32flash, our client on a TtyLink) open
 * {@link #slavePath()}. Also plays the BOOT0 / NRST pins: a reset with BOOT0 high restarts the loader; a
 * reset with BOOT0 low leaves it deaf (the "app" runs).
 */
final class RomServer implements AutoCloseable, BootModeControl, ResetControl {
    final PseudoTerminal pty = PseudoTerminal.open();
    final MemoryRomTarget target;
    final RomBootloader rom;
    final List<String> pins = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream tx = new ByteArrayOutputStream();
    private final Thread pump;
    private final long origin = System.nanoTime();
    private volatile IntUnaryOperator rxFilter = IntUnaryOperator.identity();
    private volatile boolean boot0 = true;
    private volatile boolean resetRequested;
    private volatile boolean inRom = true;
    private volatile boolean closed;

    RomServer(Chip chip) {
        target = new MemoryRomTarget(chip, tx::write).withBusyTimes(Duration.ofMillis(2), Duration.ofMillis(20),
                Duration.ofNanos(52_500));
        rom = new RomBootloader(target);
        rom.reset();
        pump = new Thread(this::run, "rom-server");
        pump.setDaemon(true);
        pump.start();
    }

    java.nio.file.Path slavePath() {
        return pty.slavePath();
    }

    /** Line noise: every received byte goes through {@code filter} before the loader sees it. */
    RomServer corruptRx(IntUnaryOperator filter) {
        rxFilter = filter;
        return this;
    }

    private Duration now() {
        return Duration.ofNanos(System.nanoTime() - origin);
    }

    private void run() {
        byte[] buf = new byte[4096];
        try {
            while (!closed) {
                if (resetRequested) {
                    resetRequested = false;
                    rom.reset();
                    inRom = boot0;
                }
                Duration due = rom.nextDue();
                long wait = due == null ? 20 : Math.max(0, Math.min(20, due.minus(now()).toMillis()));
                int n = pty.read(buf, 0, buf.length, Duration.ofMillis(wait));
                for (int i = 0; i < n; i++) {
                    if (inRom) {
                        rom.receive(rxFilter.applyAsInt(buf[i] & 0xFF), now());
                    }
                }
                rom.advance(now());
                if (tx.size() > 0) {
                    byte[] out = tx.toByteArray();
                    tx.reset();
                    pty.write(out, 0, out.length, Duration.ofSeconds(2));
                }
            }
        } catch (RuntimeException e) {
            if (!closed && !pty.isClosed()) {
                throw e;
            }
        }
    }

    @Override
    public void selectRomBootloader() {
        pins.add("boot0-high");
        boot0 = true;
    }

    @Override
    public void pressUpdateKey() {
        pins.add("key");
    }

    @Override
    public void selectNormalBoot() {
        pins.add("boot0-low");
        boot0 = false;
    }

    @Override
    public void hold() {
        pins.add("hold");
    }

    @Override
    public void release() {
        pins.add("release");
    }

    @Override
    public void pulse() {
        pins.add("reset");
        resetRequested = true;
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pulls the cable: the pty closes under the client. */
    void cut() {
        closed = true;
        pty.close();
    }

    @Override
    public void close() {
        closed = true;
        try {
            pump.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pty.close();
    }
}
