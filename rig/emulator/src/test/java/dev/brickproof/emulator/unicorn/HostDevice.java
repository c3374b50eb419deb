package dev.brickproof.emulator.unicorn;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The devices of the whole-program images (see firmware/unicorn/hostio.h): a UART whose status register
 * always says "transmitter empty, nothing received" and whose data-register writes are recorded, and an exit
 * register. One instance per engine; the two logs are compared.
 */
public final class HostDevice implements UnicornArm.MmioDevice {
    public static final int BASE = 0x4001_3000;
    public static final int SIZE = 0x1000;
    static final int UART_SR = 0x800;
    static final int UART_DR = 0x804;
    static final int EXIT = 0xFF0;
    /** TXE set, RXNE clear. */
    static final int SR_VALUE = 0x80;

    private final ByteArrayOutputStream uart = new ByteArrayOutputStream();
    private final List<String> writes = new ArrayList<>();
    private Integer exitCode;
    private long statusReads;
    private Runnable onExit = () -> { };

    public void onExit(Runnable action) {
        this.onExit = action;
    }

    @Override
    public int read(int offset, int size) {
        if (offset == UART_SR) {
            statusReads++;
            return SR_VALUE;
        }
        return 0;
    }

    @Override
    public void write(int offset, int size, int value) {
        writes.add(String.format("%03x=%08x/%d", offset, value, size));
        if (offset == UART_DR) {
            uart.write(value & 0xFF);
        } else if (offset == EXIT) {
            exitCode = value;
            onExit.run();
        }
    }

    public int writeCount() {
        return writes.size();
    }

    public List<String> writes() {
        return writes;
    }

    public String uartText() {
        return uart.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    public Integer exitCode() {
        return exitCode;
    }

    public long statusReads() {
        return statusReads;
    }
}
