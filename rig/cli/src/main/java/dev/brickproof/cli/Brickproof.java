package dev.brickproof.cli;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.Provisioner;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictJudge;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code brickproof provision|read|recover|scenario --rig <file> --board <id>}. */
@Command(name = "brickproof", mixinStandardHelpOptions = true, version = "brickproof 0.1.0",
        description = "Drive the boards of a Brickproof rig: provision, read flash back, recover, run one scenario.",
        subcommands = {Brickproof.Provision.class, Brickproof.Read.class, Brickproof.Recover.class,
                Brickproof.Scenario.class})
public final class Brickproof {

    @Option(names = "--rig", description = "rig file (default: ${DEFAULT-VALUE})", defaultValue = "fixtures/rigs/emulated.yaml")
    Path rig;

    @Option(names = "--board", required = true, description = "board id from the rig file")
    String board;

    @Option(names = "--lockstep", description = "run emulated boards in virtual time")
    boolean lockstep;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line; rig errors are printed as one message, exit code 2. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Brickproof());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof RigException) {
                line.getErr().println("brickproof: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    Rig open() {
        return Rig.open(rig, RigOptions.defaults().withLockstep(lockstep));
    }

    abstract static class BoardCommand implements Callable<Integer> {
        @ParentCommand
        Brickproof parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        @Override
        public Integer call() {
            try (Rig rig = parent.open()) {
                return run(rig.board(parent.board));
            }
        }

        abstract int run(Board board);
    }

    @Command(name = "provision", description = "Write the board's bootloader and v1 application (emulator: directly;"
            + " hardware or --rom: through the STM32 ROM bootloader), then boot and print the banner.")
    static final class Provision extends BoardCommand {
        @Option(names = "--rom", description = "go through the ROM bootloader (AN3155) even on an emulated board")
        boolean rom;

        @Override
        int run(Board board) {
            FirmwareProfile fw = board.firmware();
            if (rom || board.simulated().isEmpty()) {
                Provisioner.provisionThroughRom(board, List.of(fw.bootloader(), fw.app()));
            } else {
                Provisioner.provision(board, List.of(fw.bootloader(), fw.app()));
            }
            BoardStrategy strategy = board.newStrategy();
            strategy.transition(BoardState.APP_RUNNING);
            out().println(strategy.lastBanner().orElseThrow().line());
            return 0;
        }
    }

    @Command(name = "read", description = "Read flash back (emulator directly, hardware through the ROM bootloader).")
    static final class Read extends BoardCommand {
        @Option(names = "--address", required = true, description = "start address, e.g. 0x08002800")
        String address;

        @Option(names = "--length", required = true, description = "bytes to read")
        int length;

        @Option(names = "--out", required = true, description = "file to write")
        Path file;

        @Override
        int run(Board board) {
            int start = (int) Long.parseLong(address.toLowerCase().replace("0x", ""), 16);
            byte[] data = board.flashReader().orElseThrow().read(start, length);
            try {
                Files.write(file, data);
            } catch (java.io.IOException e) {
                throw new RigException("cannot write " + file + ": " + e.getMessage(), e);
            }
            out().println("read " + data.length + " bytes at " + address + " into " + file);
            return 0;
        }
    }

    @Command(name = "recover", description = "Recover a bricked board: reprogram bootloader and v1 through the ROM"
            + " bootloader (BOOT0 + reset), then boot it.")
    static final class Recover extends BoardCommand {
        @Override
        int run(Board board) {
            FirmwareProfile fw = board.firmware();
            Provisioner.provisionThroughRom(board, List.of(fw.bootloader(), fw.app()));
            BoardStrategy strategy = board.newStrategy();
            strategy.transition(BoardState.APP_RUNNING);
            out().println("recovered: " + strategy.lastBanner().orElseThrow().line());
            return 0;
        }
    }

    @Command(name = "scenario", description = "Run the upgrade scenario (provision v1, update to v2, verdict).")
    static final class Scenario extends BoardCommand {
        @Override
        int run(Board board) {
            FirmwareProfile fw = board.firmware();
            FirmwareImage v1 = fw.app();
            FirmwareImage v2 = fw.update();
            if (board.simulated().isPresent()) {
                Provisioner.provision(board, List.of(fw.bootloader(), v1));
            } else {
                Provisioner.provisionThroughRom(board, List.of(fw.bootloader(), v1));
            }
            BoardStrategy strategy = board.newStrategy();
            strategy.transition(BoardState.APP_RUNNING);
            out().println("before: " + strategy.lastBanner().orElseThrow().line());
            UpdateDrivers.forFirmware(fw).update(board, strategy, v2, UpdateDeadline.of(board, v2), ProgressListener.NONE);
            Verdict verdict = new VerdictJudge(board).judge(fw.appBanner(), List.of(v1, v2),
                    board.resource().timing().bootTimeout());
            out().println("verdict: " + verdict);
            out().println("transcript: " + board.console().transcript());
            return verdict.kind() == Verdict.Kind.BOOTED && v2.version().equals(verdict.version()) ? 0 : 1;
        }
    }
}
