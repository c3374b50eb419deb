package dev.brickproof.rig.update;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.driver.BootModeControl;
import dev.brickproof.rig.driver.Console;
import dev.brickproof.rig.driver.FlashReader;
import dev.brickproof.rig.driver.PowerControl;
import dev.brickproof.rig.driver.ResetControl;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.an3155.An3155Client;
import dev.brickproof.rig.protocol.an3155.An3155Options;
import dev.brickproof.rig.protocol.an3155.RomInfo;
import dev.brickproof.rig.time.RigClock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Flash access through the STM32 ROM bootloader (AN3155) over the board's console port: BOOT0 high and a
 * reset enter it, the line switches to 8E1, and afterwards BOOT0 goes low and the line back to 8N1. Used on
 * hardware to provision images and to read the application back for verdicts. Reading resets the board.
 */
public final class RomFlashLoader implements FlashReader {
    private final Console console;
    private final PowerControl power;
    private final ResetControl reset;
    private final BootModeControl bootMode;
    private final Chip chip;
    private final int baud;
    private final RigClock clock;

    public RomFlashLoader(Console console, PowerControl power, ResetControl reset, BootModeControl bootMode, Chip chip,
                          int baud, RigClock clock) {
        this.console = console;
        this.power = power;
        this.reset = reset;
        this.bootMode = bootMode;
        this.chip = chip;
        this.baud = baud;
        this.clock = clock;
    }

    @Override
    public byte[] read(int address, int length) {
        byte[][] out = new byte[1][];
        Duration budget = readBudget(length);
        session(budget, rom -> out[0] = rom.read(address, length, clock.deadlineAfter(budget,
                "ROM read of " + length + " bytes at 0x" + Integer.toHexString(address))));
        return out[0];
    }

    /**
     * 10 s plus twice the time the bytes take on the line at 8E1 (11 bits a byte; twice for the per-block
     * commands and the loader's pauses): a whole 256 KiB flash at 115200 baud is about 25 s of line time.
     */
    Duration readBudget(int length) {
        return Duration.ofSeconds(10).plusMillis(2L * length * 11 * 1000 / baud);
    }

    /**
     * BOOT0 + reset into the ROM bootloader, Get / Get ID, back to normal boot: what the loader says about itself
     * (version, commands, product ID). Fails with a
     * {@link dev.brickproof.rig.protocol.WrongDeviceException} when another part answers.
     */
    public RomInfo identify() {
        RomInfo[] out = new RomInfo[1];
        session(Duration.ofSeconds(10), rom -> out[0] = rom.info());
        return out[0];
    }

    /** Mass-erases main flash and writes {@code writes} (address → bytes), each verified by reading back. */
    public void program(Map<Integer, byte[]> writes) {
        session(Duration.ofSeconds(60), rom -> {
            var deadline = clock.deadlineAfter(Duration.ofSeconds(60), "ROM provisioning");
            rom.massErase(deadline);
            writes.forEach((address, data) -> {
                rom.write(address, pad(data), deadline);
                byte[] back = rom.read(address, data.length, deadline);
                if (!java.util.Arrays.equals(back, data)) {
                    throw new dev.brickproof.rig.ProtocolException("ROM write at 0x" + Integer.toHexString(address)
                            + " did not read back the same bytes: write-protected flash?");
                }
            });
        });
    }

    private static byte[] pad(byte[] data) {
        int n = (data.length + 3) & ~3;
        if (n == data.length) {
            return data;
        }
        byte[] padded = java.util.Arrays.copyOf(data, n);
        java.util.Arrays.fill(padded, data.length, n, (byte) 0xFF);
        return padded;
    }

    private void session(Duration budget, Consumer<An3155Client> work) {
        session(budget, ProgressListener.NONE, rom -> {
            work.accept(rom);
            return null;
        });
    }

    /**
     * One ROM bootloader session for hands-on work (the CLI's {@code flash} and {@code info}): powers the board if
     * needed, enters the loader (BOOT0 + reset, 8E1), connects within {@code connectBudget}, runs {@code work} with a
     * client that reports transfer progress, and always returns to normal boot and 8N1.
     */
    public <T> T session(Duration connectBudget, ProgressListener progress, Function<An3155Client, T> work) {
        if (!power.isOn()) {
            power.on();
        }
        console.skipPending();
        try (An3155Client rom = new An3155Client(console.link(), bootMode, reset, chip,
                An3155Options.defaults().withBaud(baud), progress)) {
            rom.connect(clock.deadlineAfter(connectBudget, "the STM32 ROM bootloader"));
            return work.apply(rom);
        } finally {
            console.link().configure(LineSettings.of8N1(baud));
            bootMode.selectNormalBoot();
            console.skipPending();
        }
    }
}
