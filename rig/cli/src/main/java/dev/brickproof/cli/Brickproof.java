package dev.brickproof.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.RunInterruptedException;
import dev.brickproof.rig.config.DurationText;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.lease.LeaseDirectory;
import dev.brickproof.rig.lease.LeaseHolder;
import dev.brickproof.rig.lease.LeaseStatus;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.RigDescription;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code brickproof [--rig <file>] [--board <id>] provision|read|recover|scenario|health|lease list}: options are
 * accepted before or after the subcommand. Exit codes are {@link ExitStatus}'s: 0 promise kept, 1 product
 * defect, 2 rig fault (a board leased by another run too), 3 configuration error, 64 usage, 70 internal error
 * (stack trace in a file named on stderr), 130 interrupted.
 */
@Command(name = "brickproof", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "brickproof 0.1.0",
        description = "Drive the boards of a Brickproof rig: provision, read flash back, recover, run one scenario.",
        subcommands = {Brickproof.Provision.class, Brickproof.Read.class, Brickproof.Recover.class,
                Brickproof.Scenario.class, Brickproof.Lease.class, HealthCommand.class, ConsoleCommand.class,
                HandsOnCommands.Power.class, HandsOnCommands.Reset.class, HandsOnCommands.Boot0.class,
                HandsOnCommands.Flash.class, HandsOnCommands.Info.class, SweepCommand.class, ReplayCommand.class,
                SignoffCommand.class},
        exitCodeOnInvalidInput = 64, exitCodeOnExecutionException = 70,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:promise kept", "1:product defect (bricked, corrupted, wrong version)",
                "2:rig fault (port, GPIO, rig timeout, board leased by another run)",
                "3:configuration error (rig file, manifest, --rig)", "64:usage error",
                "70:internal error (stack trace in the file named on stderr)", "130:interrupted (Ctrl-C)"})
public final class Brickproof {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--rig", scope = ScopeType.INHERIT, paramLabel = "<file>",
            description = "rig file (default: fixtures/rigs/emulated.yaml in the working directory or the nearest"
                    + " directory above it)")
    Path rig;

    @Option(names = "--board", scope = ScopeType.INHERIT, paramLabel = "<id>",
            description = "board id from the rig file (required by provision, read, recover, scenario)")
    String board;

    @Option(names = "--lockstep", scope = ScopeType.INHERIT, description = "run emulated boards in virtual time")
    boolean lockstep;

    @Option(names = "--wait", scope = ScopeType.INHERIT, paramLabel = "<duration>", defaultValue = "0s",
            converter = DurationConverter.class,
            description = "queue up to this long for a board leased by another run, e.g. 90s or 10m"
                    + " (default: fail at once, exit 2)")
    Duration wait;

    @Option(names = "--lease-dir", scope = ScopeType.INHERIT, paramLabel = "<dir>",
            description = "board lease directory (default: $BRICKPROOF_LEASES, else $XDG_RUNTIME_DIR/brickproof/"
                    + "leases, else <tmp>/brickproof-<user>/leases)")
    Path leaseDir;

    @Option(names = "--port-dir", scope = ScopeType.INHERIT, paramLabel = "<dir>",
            description = "where emulated boards' serial port links are made (default: <tmp>/brickproof-<user>/serial/"
                    + "by-id); their leases guard these links")
    Path portDir;

    @Option(names = "--json", scope = ScopeType.INHERIT, arity = "0..1", fallbackValue = "-", paramLabel = "<file>",
            description = "print the result as one JSON object on stdout; with a file (sweep: every cut, the summary"
                    + " and the findings) write it there")
    String jsonTarget;

    /** True when {@code --json} was given (with or without a file). */
    boolean json() {
        return jsonTarget != null;
    }

    /** The file {@code --json FILE} names, if one was given. */
    java.util.Optional<Path> jsonFile() {
        return jsonTarget == null || jsonTarget.equals("-") ? java.util.Optional.empty()
                : java.util.Optional.of(workingDir.resolve(jsonTarget));
    }

    private final PrintWriter out;
    final PrintWriter err;
    private final Path workingDir;
    final boolean terminal;
    private final String commandLine;

    Brickproof(PrintWriter out, PrintWriter err, Path workingDir, boolean terminal, String commandLine) {
        this.out = out;
        this.err = err;
        this.workingDir = workingDir;
        this.terminal = terminal;
        this.commandLine = commandLine;
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                Path.of("").toAbsolutePath(), System.console() != null);
        // after Ctrl-C the shutdown hook is running: exit waits for it, and the JVM ends with 130
        System.exit(code);
    }

    /** Runs the command line from the working directory, without a terminal. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, Path.of("").toAbsolutePath(), false);
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, Path workingDir, boolean terminal) {
        Brickproof root = new Brickproof(out, err, workingDir, terminal, "brickproof " + String.join(" ", args));
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> root.failed(e));
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine line = e.getCommandLine();
            line.getErr().println("brickproof: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, line.getErr())) {
                line.getErr().println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for the options.");
            }
            return ExitStatus.USAGE.code();
        });
        try {
            return cli.execute(args);
        } catch (Throwable bug) { // an Error (or anything picocli lets through) is still exit 70, never 1
            return root.failed(bug);
        }
    }

    /** The exit status of an exception that escaped a command, after saying what went wrong. */
    int failed(Throwable e) {
        ExitStatus status = ExitStatus.of(e);
        String message = switch (status) {
            case INTERRUPTED -> "brickproof: interrupted";
            case INTERNAL_ERROR -> new CrashReport(crashDirectory()).write(e, commandLine);
            default -> "brickproof: " + e.getMessage();
        };
        err.println(message);
        if (json()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("error", message.replaceFirst("^brickproof: ", ""));
            fields.put("status", status.name());
            fields.put("exitCode", status.code());
            printJson(fields);
        }
        return status.code();
    }

    private Path crashDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    void print(CommandResult result) {
        if (json()) {
            printJson(result.fields());
        } else {
            result.lines().forEach(out::println);
        }
        out.flush();
    }

    private void printJson(Map<String, Object> fields) {
        try {
            out.println(JSON.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialise", e);
        }
        out.flush();
    }

    /**
     * The rig file, loaded: {@code --rig}, or the nearest fixtures/rigs/emulated.yaml (saying which one was
     * used, and keeping run transcripts in that checkout's reports/runs).
     */
    RigDescription loadRig() {
        if (rig != null) {
            return new RigFileLoader().load(rigFile());
        }
        Path found = rigFile();
        Path checkout = found.getParent().getParent().getParent();
        return new RigFileLoader(checkout.resolve("reports/runs")).load(found);
    }

    /** The rig file: {@code --rig}, or the nearest fixtures/rigs/emulated.yaml, saying which one was used. */
    Path rigFile() {
        if (rig != null) {
            Path file = rig.isAbsolute() ? rig : workingDir.resolve(rig);
            if (!Files.isRegularFile(file)) {
                throw new RigConfigurationException(rig.toString(), "--rig", "no such rig file (looked in "
                        + workingDir + ")", "pass an existing rig file with --rig <file>, e.g. --rig "
                        + RigFileLocator.DEFAULT);
            }
            return file;
        }
        Path found = RigFileLocator.findFrom(workingDir).orElseThrow(() -> new RigConfigurationException(
                RigFileLocator.DEFAULT.toString(), "--rig", "no rig file given and none found in " + workingDir
                + " or above", "pass one with --rig <file>, or run from a Brickproof checkout"));
        err.println("brickproof: rig file " + found + " (found from " + workingDir + "; choose another with --rig)");
        return found;
    }

    String requireBoard(CommandSpec spec) {
        if (board == null || board.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Missing required option '--board=<id>': the board"
                    + " to drive, an id from the rig file's boards (e.g. --board f103-d1)");
        }
        return board;
    }

    LeaseDirectory leases() {
        return new LeaseDirectory(leaseDir != null ? leaseDir : LeaseDirectory.defaultDirectory(System.getenv()));
    }

    RigOptions options(String boardId) {
        return options(List.of(boardId));
    }

    /** Options opening {@code boardIds} (empty: every board of the rig file), each under its lease. */
    RigOptions options(List<String> boardIds) {
        RigOptions options = RigOptions.defaults().withLockstep(lockstep).withBoards(boardIds)
                .withLeaseWait(wait).withCommand(commandLine).withNotices(n -> err.println("brickproof: " + n));
        options = portDir == null ? options : options.withPortDirectory(portDir);
        return leaseDir == null ? options : options.withLeaseDirectory(leaseDir);
    }

    /** Accepts the rig file's duration format ({@code 500ms}, {@code 90s}, {@code 10m}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationText.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration; write a number and a unit: 500ms, 90s, 10m"));
        }
    }

    /** Accepts {@code 0x08002800} or a decimal address. */
    static final class AddressConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                String v = value.trim().toLowerCase();
                return (int) (v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an address; write 0x08002800"
                        + " or a decimal number");
            }
        }
    }

    /** A command on one board: opens the rig with only that board (and its lease), drives it interruptibly. */
    abstract static class BoardCommand implements Callable<Integer> {
        @ParentCommand
        Brickproof root;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String id = root.requireBoard(spec);
            RigDescription description = root.loadRig();
            try (Rig rig = Rig.open(description, root.options(id));
                 TransferDisplay display = new TransferDisplay(root.err, root.terminal)) {
                CommandResult result;
                try {
                    result = rig.drive(() -> run(rig.board(id), display));
                } catch (RuntimeException e) {
                    if (rig.interrupted()) {
                        throw new RunInterruptedException(spec.name() + " on board " + id);
                    }
                    throw e;
                }
                if (rig.interrupted()) {
                    throw new RunInterruptedException(spec.name() + " on board " + id);
                }
                root.print(result);
                return result.status().code();
            }
        }

        abstract CommandResult run(Board board, TransferDisplay display);
    }

    @Command(name = "provision", description = "Write the board's bootloader and v1 application (emulator: directly;"
            + " hardware or --rom: through the STM32 ROM bootloader), then boot and print the banner.")
    static final class Provision extends BoardCommand {
        @Option(names = "--rom", description = "go through the ROM bootloader (AN3155) even on an emulated board")
        boolean rom;

        @Override
        CommandResult run(Board board, TransferDisplay display) {
            FirmwareProfile fw = board.firmware();
            display.step("provision bootloader and v1", () -> {
                if (rom || board.simulated().isEmpty()) {
                    Provisioner.provisionThroughRom(board, List.of(fw.bootloader(), fw.app()));
                } else {
                    Provisioner.provision(board, List.of(fw.bootloader(), fw.app()));
                }
            });
            String banner = boot(board, display);
            return CommandResult.of("provision").field("board", board.id()).field("banner", banner)
                    .line(banner).build(ExitStatus.PROMISE_KEPT);
        }
    }

    static String boot(Board board, TransferDisplay display) {
        BoardStrategy strategy = board.newStrategy();
        return display.step("boot the application", () -> {
            strategy.transition(BoardState.APP_RUNNING);
            return strategy.lastBanner().orElseThrow().line();
        });
    }

    @Command(name = "read", description = "Read flash back (emulator directly, hardware through the ROM bootloader)."
            + " On an emulated board this reads the fresh emulator this command starts, not an earlier run's board.")
    static final class Read extends BoardCommand {
        @Option(names = "--address", required = true, converter = AddressConverter.class,
                description = "start address, e.g. 0x08002800")
        int address;

        @Option(names = "--length", required = true, description = "bytes to read")
        int length;

        @Option(names = "--out", required = true, description = "file to write")
        Path file;

        @Override
        CommandResult run(Board board, TransferDisplay display) {
            boolean emulated = board.simulated().isPresent();
            String source = emulated ? "fresh emulator" : "ROM bootloader";
            if (emulated) {
                root.err.println("brickproof: note: board " + board.id() + " is emulated; this reads the fresh"
                        + " emulator started for this command (flash as the emulator starts it: erased, 0xFF),"
                        + " not a board an earlier command provisioned or updated");
            }
            byte[] data = display.step("read " + length + " bytes", () ->
                    board.flashReader().orElseThrow().read(address, length));
            try {
                Files.write(file, data);
            } catch (java.io.IOException e) {
                throw new RigException("cannot write " + file + ": " + e.getMessage()
                        + "; choose a writable --out file", e);
            }
            String hex = String.format("0x%08X", address);
            return CommandResult.of("read").field("board", board.id()).field("address", hex)
                    .field("bytes", data.length).field("file", file.toString()).field("source", source)
                    .line("read " + data.length + " bytes at " + hex + " into " + file + " (" + source + ")")
                    .build(ExitStatus.PROMISE_KEPT);
        }
    }

    @Command(name = "recover", description = "Recover a bricked board: reprogram bootloader and v1 through the ROM"
            + " bootloader (BOOT0 + reset), then boot it.")
    static final class Recover extends BoardCommand {
        @Override
        CommandResult run(Board board, TransferDisplay display) {
            FirmwareProfile fw = board.firmware();
            display.step("reprogram through the ROM bootloader", () ->
                    Provisioner.provisionThroughRom(board, List.of(fw.bootloader(), fw.app())));
            String banner = boot(board, display);
            return CommandResult.of("recover").field("board", board.id()).field("banner", banner)
                    .line("recovered: " + banner).build(ExitStatus.PROMISE_KEPT);
        }
    }

    @Command(name = "scenario", description = "Run the upgrade scenario (provision v1, update to v2, verdict).")
    static final class Scenario extends BoardCommand {
        @Override
        CommandResult run(Board board, TransferDisplay display) {
            // the library's upgrade procedure, the same the suites run; its steps show here as timed lines
            dev.brickproof.scenarios.UpgradeResult upgrade = new dev.brickproof.scenarios.UpgradeScenario(board,
                    display.asScenarioSteps()).provisionThroughRom(board.simulated().isEmpty())
                    .withProgress(display.listener()).run();
            Verdict verdict = upgrade.verdict();
            boolean kept = upgrade.promiseKept();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("kind", verdict.kind().name());
            v.put("version", verdict.version());
            v.put("detail", verdict.detail());
            String before = "v" + upgrade.before();
            return CommandResult.of("scenario").field("board", board.id()).field("before", before)
                    .field("verdict", v).field("promiseKept", kept)
                    .field("transcript", board.console().transcript().toString())
                    .line("before: " + before).line("verdict: " + verdict)
                    .line("transcript: " + board.console().transcript())
                    .build(ExitStatus.of(verdict, kept));
        }
    }

    @Command(name = "lease", description = "Board leases: which run holds which board.",
            subcommands = {LeaseList.class})
    static final class Lease extends CommandGroup {
    }

    @Command(name = "list", description = "List the lease files: held (with the holder), stale (holder died) or free.")
    static final class LeaseList implements Callable<Integer> {
        @ParentCommand
        Lease lease;

        @Override
        public Integer call() {
            Brickproof root = lease.root;
            LeaseDirectory leases = root.leases();
            CommandResult.Builder result = CommandResult.of("lease list")
                    .field("directory", leases.directory().toString());
            List<Map<String, Object>> entries = new ArrayList<>();
            List<LeaseStatus> all = leases.list();
            if (all.isEmpty()) {
                result.line("no leases in " + leases.directory());
            }
            for (LeaseStatus status : all) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("file", status.file().toString());
                entry.put("state", status.state().name());
                status.holder().ifPresent(h -> {
                    entry.put("board", h.board());
                    entry.put("resource", h.resource());
                    entry.put("user", h.user());
                    entry.put("host", h.host());
                    entry.put("pid", h.pid());
                    entry.put("since", h.since().toString());
                    entry.put("command", h.command());
                });
                entries.add(entry);
                result.line(status.state().name().toLowerCase() + "  " + status.holder()
                        .map(h -> "board " + h.board() + " (" + h.resource() + ") "
                                + (status.state() == LeaseStatus.State.STALE ? "last held by " : "held by ")
                                + h.describe())
                        .orElse(status.file().getFileName().toString()));
            }
            result.field("leases", entries);
            root.print(result.build(ExitStatus.PROMISE_KEPT));
            return 0;
        }
    }
}
