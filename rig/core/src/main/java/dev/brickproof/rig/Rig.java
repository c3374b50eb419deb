package dev.brickproof.rig;

import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.console.LinkConsole;
import dev.brickproof.rig.driver.Console;
import dev.brickproof.rig.driver.FlashReader;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.driver.SimulatedBoardConnection;
import dev.brickproof.rig.driver.SimulatedBoardProvider;
import dev.brickproof.rig.driver.gpio.GpioBootModeControl;
import dev.brickproof.rig.driver.gpio.GpioJournal;
import dev.brickproof.rig.driver.gpio.GpioOutput;
import dev.brickproof.rig.driver.gpio.GpioPowerControl;
import dev.brickproof.rig.driver.gpio.GpioResetControl;
import dev.brickproof.rig.driver.gpio.Pi4jGpio;
import dev.brickproof.rig.driver.serial.SerialPortLink;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.lease.BoardLease;
import dev.brickproof.rig.lease.LeaseDirectory;
import dev.brickproof.rig.lease.LeaseHolder;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.time.RigClock;
import dev.brickproof.rig.time.WallClock;
import dev.brickproof.rig.update.RomFlashLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * An opened rig: every board of a rig file with its drivers. {@link #close()} returns every board to its
 * declared safe state (power as declared, BOOT0 low, key released, reset released), also when a scenario
 * failed; a JVM shutdown hook does the same on Ctrl-C: it reserves the GPIO lines for the safe state (no other
 * thread drives a line after that), interrupts the threads in {@link #drive} and waits up to
 * {@value #STOP_SECONDS} s for them to stop, marks every transcript {@code === interrupted at <time> ===} and
 * drives the safe state once.
 *
 * <p>Opening takes a lease on every opened board that another run could share (hardware boards, real-time
 * emulated boards' port links), see {@link dev.brickproof.rig.lease.LeaseDirectory}; closing releases them.
 */
public final class Rig implements AutoCloseable {
    private final RigDescription description;
    private final Path runDir;
    private final Pi4jGpio gpio;
    private final List<Board> boards = new ArrayList<>();
    private final List<SimulatedBoardConnection> hosts = new ArrayList<>();
    private final List<BoardLease> leases = new ArrayList<>();
    private final DrivingThreads driving = new DrivingThreads();
    private static final int STOP_SECONDS = 3;
    private Thread shutdownHook;
    private volatile Thread interruptedBy;
    /** A normal {@link #close()} has begun (guarded by {@code driving}): Ctrl-C then only waits for it. */
    private boolean closing;
    private boolean closed;

    private Rig(RigDescription description, Path runDir, Pi4jGpio gpio) {
        this.description = description;
        this.runDir = runDir;
        this.gpio = gpio;
    }

    public static Rig open(Path rigFile) {
        return open(new RigFileLoader().load(rigFile), RigOptions.defaults());
    }

    public static Rig open(Path rigFile, RigOptions options) {
        return open(new RigFileLoader().load(rigFile), options);
    }

    public static Rig open(RigDescription description, RigOptions options) {
        Path runDir = description.runs().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"))
                + "-" + description.name().replaceAll("[^A-Za-z0-9._-]", "_"));
        List<BoardResource> selected = select(description, options);
        Rig rig = new Rig(description, runDir, Pi4jGpio.open(description.gpio(), new GpioJournal(runDir.resolve("gpio.log"))));
        try {
            LeaseDirectory leases = new LeaseDirectory(options.leaseDirectory());
            for (BoardResource resource : selected) {
                leasedResource(resource, options).ifPresent(shared -> rig.leases.add(leases.acquire(
                        LeaseHolder.thisProcess(resource.id(), shared, options.command(), Instant.now()),
                        options.leaseWait(), options.notices())));
                rig.boards.add(rig.openBoard(resource, options));
            }
        } catch (RuntimeException e) {
            try {
                rig.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        if (options.shutdownHook()) {
            rig.shutdownHook = new Thread(rig::closeFromHook, "brickproof-safe-state");
            Runtime.getRuntime().addShutdownHook(rig.shutdownHook);
        }
        return rig;
    }

    /** The boards {@code options} asks for, in rig-file order; an unknown id is a configuration error. */
    private static List<BoardResource> select(RigDescription description, RigOptions options) {
        List<String> known = description.boards().stream().map(BoardResource::id).toList();
        for (String id : options.boards()) {
            if (!known.contains(id)) {
                throw new RigConfigurationException(description.file().toString(), "boards",
                        "no board with id '" + id + "'", "use one of " + known);
            }
        }
        return description.boards().stream()
                .filter(b -> options.boards().isEmpty() || options.boards().contains(b.id())).toList();
    }

    /**
     * What another run could share with this board, so what its lease guards: a hardware board's serial port,
     * a real-time emulated board's port link. A lockstep emulated board lives in this process only: no lease.
     */
    private static Optional<String> leasedResource(BoardResource r, RigOptions options) {
        if (!r.serial().isEmulated()) {
            return Optional.of(r.serial().port());
        }
        if (options.lockstep()) {
            return Optional.empty();
        }
        return Optional.of(options.portDirectory().resolve("emulated-" + r.id()).toAbsolutePath().toString());
    }

    private Board openBoard(BoardResource r, RigOptions options) {
        GpioOutput reset = gpio.output(r.id() + "-nrst", r.reset(), false);
        GpioOutput boot0 = gpio.output(r.id() + "-boot0", r.boot0(), false);
        Optional<GpioOutput> key = r.updateKeyLine().map(line -> gpio.output(r.id() + "-key", line, false));
        GpioOutput relay = gpio.output(r.id() + "-power", r.power().coil(), r.power().coilEnergisedFor(r.power().safeOn()));

        RigClock clock = new WallClock();
        ByteLink link;
        FlashReader reader = null;
        SimulatedBoard simulated = null;
        if (r.serial().isEmulated()) {
            SimulatedBoardConnection host = simulatedBoards(r).open(r, options, gpio);
            hosts.add(host);
            reader = host;
            simulated = host;
            if (host.directLink().isPresent()) {
                link = host.directLink().get();
                clock = host.virtualClock().orElse(clock);
            } else {
                link = SerialPortLink.open(host.serialPort().toString(), LineSettings.of8N1(r.serial().baud()));
            }
        } else {
            try {
                link = SerialPortLink.open(r.serial().port(), LineSettings.of8N1(r.serial().baud()),
                        r.serial().reappearTimeout());
            } catch (LinkException e) {
                throw new LinkException("board " + r.id() + ": " + e.getMessage() + " (rig file "
                        + description.file() + ", key serial.port)", e);
            }
        }
        Console console = new LinkConsole(link, runDir.resolve(r.id()).resolve("console.log"));
        GpioPowerControl powerControl = new GpioPowerControl(relay, r.power(), clock, r.timing().powerSettle());
        GpioResetControl resetControl = new GpioResetControl(reset, clock, r.timing().resetPulse(), r.timing().resetSettle());
        GpioBootModeControl bootMode = new GpioBootModeControl(r.id(), boot0, key);
        if (reader == null) {
            // hardware: read flash back through the STM32 ROM bootloader on the console port
            reader = new RomFlashLoader(console, powerControl, resetControl, bootMode, r.chip(), r.serial().baud(), clock);
        }
        return new Board(r, clock, powerControl, resetControl, bootMode, console, reader, simulated);
    }

    /** The provider of simulated boards on the classpath (the Brickproof emulator, module brickproof-emulated). */
    private SimulatedBoardProvider simulatedBoards(BoardResource r) {
        return ServiceLoader.load(SimulatedBoardProvider.class).findFirst().orElseThrow(() ->
                new RigConfigurationException(description.file().toString(), "boards[" + r.id() + "].serial.port",
                        "port 'emulated' needs the Brickproof emulator, which is not on the classpath",
                        "add the dependency dev.brickproof:brickproof-emulated, or give the board's real serial port"));
    }

    /** The GPIO bank, for tests that watch the mock lines. */
    dev.brickproof.rig.driver.gpio.SimulatedGpio simulatedGpio() {
        return gpio;
    }

    public RigDescription description() {
        return description;
    }

    /** This run's directory for transcripts and flash maps: {@code reports/runs/<time>-<rig>/}. */
    public Path runDir() {
        return runDir;
    }

    public List<Board> boards() {
        return List.copyOf(boards);
    }

    public Board board(String id) {
        return boards.stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow(() ->
                new RigConfigurationException(description.file().toString(), "boards", "no board with id '" + id + "'",
                        "use one of " + boards.stream().map(Board::id).toList()));
    }

    /**
     * Runs {@code scenario} on the calling thread as a thread that drives this rig's boards: on Ctrl-C it is
     * interrupted (its next wait, console read or GPIO write throws {@link RunInterruptedException}) and the
     * safe state is driven only after it stopped or {@value #STOP_SECONDS} s passed.
     */
    public <T> T drive(Supplier<T> scenario) {
        if (interrupted()) {
            throw new RunInterruptedException("starting to drive the rig");
        }
        return driving.run(scenario);
    }

    /** True once Ctrl-C (the shutdown hook) has started returning the boards to their safe state. */
    public boolean interrupted() {
        return interruptedBy != null;
    }

    private void closeFromHook() {
        interrupt();
    }

    /**
     * What Ctrl-C does (the shutdown hook calls it): from now on only the calling thread drives GPIO lines, the
     * threads in {@link #drive} are interrupted and given {@value #STOP_SECONDS} s to stop, every transcript
     * gets {@code === interrupted at <time> ===}, then the safe state is driven once and the leases released.
     */
    public void interrupt() {
        synchronized (driving) {
            if (interruptedBy != null) {
                return;
            }
            if (!closing) {
                interruptedBy = Thread.currentThread();
            }
        }
        if (interruptedBy != Thread.currentThread()) {
            try {
                closeAll(); // a normal close is driving the safe state already: wait for it to finish
            } catch (RuntimeException e) {
                System.err.println("brickproof: could not return every board to its safe state: " + e.getMessage());
            }
            return;
        }
        Instant at = Instant.now();
        gpio.reserveForSafeState(Thread.currentThread());
        boolean stopped = driving.stop(Duration.ofSeconds(STOP_SECONDS));
        String mark = "=== interrupted at " + at + " ===";
        gpio.journal().note(mark + (stopped ? "" : " (the driving thread did not stop within " + STOP_SECONDS
                + " s; its GPIO writes are refused)"));
        for (Board board : boards) {
            try {
                board.console().mark(mark);
            } catch (RuntimeException e) {
                System.err.println("brickproof: " + e.getMessage());
            }
        }
        try {
            closeAll();
            System.err.println("brickproof: interrupted at " + at + "; every board is back in its safe state");
        } catch (RuntimeException e) {
            System.err.println("brickproof: interrupted at " + at
                    + "; could not return every board to its safe state: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (driving) {
            if (interruptedBy != null && interruptedBy != Thread.currentThread()) {
                return; // Ctrl-C: the shutdown hook drives the safe state, once, and releases the leases
            }
            closing = true;
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or will run: closing twice is harmless
            }
        }
        closeAll();
    }

    private synchronized void closeAll() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (Board board : boards) {
            try {
                board.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        try {
            gpio.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        for (SimulatedBoardConnection host : hosts) {
            try {
                host.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        leases.forEach(BoardLease::close);
        if (!failures.isEmpty()) {
            RigException e = failures.get(0) instanceof RigException r ? r
                    : new RigException("rig did not close cleanly", failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }
}
