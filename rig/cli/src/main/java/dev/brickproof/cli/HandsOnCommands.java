package dev.brickproof.cli;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.protocol.an3155.RomInfo;
import dev.brickproof.rig.update.Provisioner;
import dev.brickproof.rig.update.RomFlashLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Hands-on commands for a person at the rig (as labgrid-client): power, reset, BOOT0, flash through the ROM
 * bootloader, chip information. Each opens only its board, under its lease, and leaves it in its safe state
 * except for what the command is for (power stays as asked until the next run's safe state).
 */
final class HandsOnCommands {
    private HandsOnCommands() { }

    enum Switch { on, off, cycle }

    @Command(name = "power", description = "Switch the board's supply through the relay: on, off or cycle"
            + " (off for the rig file's timing.powerOff, then on).")
    static final class Power extends Brickproof.BoardCommand {
        @Parameters(index = "0", paramLabel = "on|off|cycle", description = "what to do with the supply")
        Switch action;

        @Override
        CommandResult run(Board board, TransferDisplay display) {
            display.step("power " + action, () -> {
                switch (action) {
                    case on -> board.power().on();
                    case off -> board.power().off();
                    case cycle -> board.power().cycle(board.resource().timing().powerOff());
                }
            });
            return CommandResult.of("power").field("board", board.id()).field("action", action.name())
                    .field("powered", board.power().isOn())
                    .line("board " + board.id() + " is " + (board.power().isOn() ? "powered" : "unpowered"))
                    .build(ExitStatus.PROMISE_KEPT);
        }
    }

    @Command(name = "reset", description = "Pulse NRST (the rig file's timing.resetPulse), powering the board first if"
            + " it is off.")
    static final class Reset extends Brickproof.BoardCommand {
        @Override
        CommandResult run(Board board, TransferDisplay display) {
            display.step("NRST pulse", () -> {
                if (!board.power().isOn()) {
                    board.power().on();
                }
                board.reset().pulse();
            });
            return CommandResult.of("reset").field("board", board.id())
                    .line("board " + board.id() + " reset").build(ExitStatus.PROMISE_KEPT);
        }
    }

    @Command(name = "boot0", description = "BOOT0 high (on: the next reset starts the STM32 ROM bootloader) or low"
            + " (off: normal boot). The run's safe state puts it low again when the command ends.")
    static final class Boot0 extends Brickproof.BoardCommand {
        @Parameters(index = "0", paramLabel = "on|off", description = "BOOT0 level")
        String level;

        @Override
        CommandResult run(Board board, TransferDisplay display) {
            boolean high = switch (level) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "boot0 takes on or off, not '" + level + "'");
            };
            display.step("BOOT0 " + level + " and reset", () -> {
                if (high) {
                    board.bootMode().selectRomBootloader();
                } else {
                    board.bootMode().selectNormalBoot();
                }
                if (!board.power().isOn()) {
                    board.power().on();
                }
                board.reset().pulse();
            });
            return CommandResult.of("boot0").field("board", board.id()).field("boot0", high)
                    .line("board " + board.id() + ": BOOT0 " + (high ? "high, reset into the ROM bootloader"
                            : "low, reset into flash"))
                    .build(ExitStatus.PROMISE_KEPT);
        }
    }

    enum FlashAction { write, read, erase }

    @Command(name = "flash", description = "Flash through the STM32 ROM bootloader (AN3155), with progress:"
            + " write --in FILE --address A | read --address A --length N --out FILE | erase (--all | --address A"
            + " --length N).")
    static final class Flash extends Brickproof.BoardCommand {
        @Parameters(index = "0", paramLabel = "write|read|erase", description = "what to do")
        FlashAction action;

        @Option(names = "--address", converter = Brickproof.AddressConverter.class,
                description = "start address (default: the start of flash)")
        Integer address;

        @Option(names = "--length", description = "bytes to read or erase")
        Integer length;

        @Option(names = "--in", description = "file to write")
        Path in;

        @Option(names = "--out", description = "file to write what was read into")
        Path out;

        @Option(names = "--all", description = "erase: mass-erase all of main flash")
        boolean all;

        @Override
        CommandResult run(Board board, TransferDisplay display) {
            Chip chip = board.resource().chip();
            int start = address != null ? address : chip.flashBase();
            RomFlashLoader rom = Provisioner.romLoader(board);
            CommandResult.Builder result = CommandResult.of("flash " + action).field("board", board.id())
                    .field("address", String.format("0x%08X", start));
            switch (action) {
                case write -> {
                    byte[] data = readInput();
                    display.step("write " + data.length + " bytes at " + hex(start), () -> rom.session(
                            Duration.ofSeconds(10), display.listener(), c -> {
                                c.eraseRange(start, data.length, deadline(board, data.length, "erase"));
                                c.write(start, pad(data), deadline(board, data.length, "write"));
                                byte[] back = c.read(start, data.length, deadline(board, data.length, "verify"));
                                if (!java.util.Arrays.equals(back, data)) {
                                    throw new RigException("flash at " + hex(start) + " did not read back what was"
                                            + " written: write-protected or read-protected (RDP)? Check the option"
                                            + " bytes with 'brickproof info'");
                                }
                                return null;
                            }));
                    result.field("bytes", data.length).line("wrote and verified " + data.length + " bytes at "
                            + hex(start) + " from " + in);
                }
                case read -> {
                    int n = required(length, "--length");
                    Path file = required(out, "--out");
                    byte[] data = display.step("read " + n + " bytes at " + hex(start), () -> rom.session(
                            Duration.ofSeconds(10), display.listener(), c -> c.read(start, n, deadline(board, n, "read"))));
                    try {
                        Files.write(file, data);
                    } catch (IOException e) {
                        throw new RigException("cannot write " + file + ": " + e.getMessage()
                                + "; choose a writable --out file", e);
                    }
                    result.field("bytes", n).field("file", file.toString())
                            .line("read " + n + " bytes at " + hex(start) + " into " + file);
                }
                case erase -> {
                    if (all) {
                        display.step("mass erase", () -> rom.session(Duration.ofSeconds(10), display.listener(), c -> {
                            c.massErase(deadline(board, chip.flashSize(), "mass erase"));
                            return null;
                        }));
                        result.field("all", true).line("erased all of main flash");
                    } else {
                        int n = required(length, "--length (or --all)");
                        display.step("erase " + n + " bytes at " + hex(start), () -> rom.session(
                                Duration.ofSeconds(10), display.listener(), c -> {
                                    c.eraseRange(start, n, deadline(board, n, "erase"));
                                    return null;
                                }));
                        result.field("bytes", n).line("erased the pages covering " + n + " bytes at " + hex(start));
                    }
                }
            }
            return result.build(ExitStatus.PROMISE_KEPT);
        }

        private byte[] readInput() {
            Path file = required(in, "--in");
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new dev.brickproof.rig.RigConfigurationException(file.toString(), "--in",
                        "cannot read it (" + e.getMessage() + ")", "pass an existing image file with --in <file>");
            }
        }

        private <T> T required(T value, String option) {
            if (value == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "flash " + action + " needs " + option);
            }
            return value;
        }

        private static byte[] pad(byte[] data) {
            int n = (data.length + 3) & ~3;
            byte[] padded = java.util.Arrays.copyOf(data, n);
            java.util.Arrays.fill(padded, data.length, n, (byte) 0xFF);
            return padded;
        }
    }

    @Command(name = "info", description = "What the STM32 ROM bootloader says: loader version, product ID (checked"
            + " against the rig file's chip), flash size register, option bytes.")
    static final class Info extends Brickproof.BoardCommand {
        @Override
        CommandResult run(Board board, TransferDisplay display) {
            Chip chip = board.resource().chip();
            RomFlashLoader rom = Provisioner.romLoader(board);
            Object[] found = display.step("ask the ROM bootloader", () -> rom.session(Duration.ofSeconds(10),
                    display.listener(), c -> {
                        RomInfo info = c.info();
                        int sizeRegister = chip.family() == Chip.Family.L4 ? 0x1FFF75E0 : 0x1FFFF7E0;
                        byte[] size = c.read(sizeRegister, 2, deadline(board, 2, "flash size register"));
                        byte[] options = c.read(chip.optionBytesBase(), 16, deadline(board, 16, "option bytes"));
                        return new Object[] {info, ((size[1] & 0xFF) << 8) | (size[0] & 0xFF), options};
                    }));
            RomInfo info = (RomInfo) found[0];
            int flashKiB = (Integer) found[1];
            String options = HexFormat.of().formatHex((byte[]) found[2]);
            String version = (info.version() >> 4) + "." + (info.version() & 0xF);
            return CommandResult.of("info").field("board", board.id()).field("chip", chip.name())
                    .field("productId", String.format("0x%03X", info.productId()))
                    .field("bootloaderVersion", version).field("flashKiB", flashKiB).field("optionBytes", options)
                    .line("chip: " + chip + " (PID " + String.format("0x%03X", info.productId()) + ")")
                    .line("ROM bootloader: v" + version + ", " + (info.extendedErase() ? "extended" : "standard")
                            + " erase")
                    .line("flash size: " + flashKiB + " KiB")
                    .line("option bytes at " + hex(chip.optionBytesBase()) + ": " + options)
                    .build(ExitStatus.PROMISE_KEPT);
        }
    }

    static String hex(int address) {
        return String.format("0x%08X", address);
    }

    /** Transfers at the board's baud with margin: 11 bits per byte (8E1) both ways, plus flash busy time. */
    static dev.brickproof.rig.time.Deadline deadline(Board board, int bytes, String what) {
        Duration wire = Duration.ofNanos(bytes * 11L * 2 * 1_000_000_000L / board.resource().serial().baud());
        return board.clock().deadlineAfter(Duration.ofSeconds(10).plus(wire.multipliedBy(3)), "ROM " + what);
    }
}
