package dev.brickproof.rig;

import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.console.LinkConsole;
import dev.brickproof.rig.driver.Console;
import dev.brickproof.rig.driver.FlashReader;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.driver.gpio.GpioBootModeControl;
import dev.brickproof.rig.driver.gpio.GpioOutput;
import dev.brickproof.rig.driver.gpio.GpioPowerControl;
import dev.brickproof.rig.driver.gpio.GpioResetControl;
import dev.brickproof.rig.driver.gpio.Pi4jGpio;
import dev.brickproof.rig.driver.serial.SerialPortLink;
import dev.brickproof.rig.emulated.EmulatedBoardHost;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.time.RigClock;
import dev.brickproof.rig.time.WallClock;
import dev.brickproof.rig.update.RomFlashLoader;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An opened rig: every board of a rig file with its drivers. {@link #close()} returns every board to its
 * declared safe state (power as declared, BOOT0 low, key released, reset released), also when a scenario
 * failed; a JVM shutdown hook does the same on Ctrl-C.
 */
public final class Rig implements AutoCloseable {
    private final RigDescription description;
    private final Path runDir;
    private final Pi4jGpio gpio;
    private final List<Board> boards = new ArrayList<>();
    private final List<EmulatedBoardHost> hosts = new ArrayList<>();
    private Thread shutdownHook;
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
        Rig rig = new Rig(description, runDir, Pi4jGpio.open(description.gpio()));
        try {
            for (BoardResource resource : description.boards()) {
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
            EmulatedBoardHost host = options.lockstep() ? EmulatedBoardHost.lockstep(r)
                    : EmulatedBoardHost.realTime(r, options.portDirectory());
            hosts.add(host);
            host.wire(gpio);
            reader = host;
            simulated = host;
            if (host.isLockstep()) {
                link = host.lockstepLink();
                clock = host.lockstepClock();
            } else {
                // the pty itself, not the by-id link: that name is shared by every run on this machine
                link = SerialPortLink.open(host.devicePath().toString(), LineSettings.of8N1(r.serial().baud()));
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

    private void closeFromHook() {
        try {
            closeAll();
        } catch (RuntimeException e) {
            System.err.println("brickproof: could not return every board to its safe state: " + e.getMessage());
        }
    }

    @Override
    public void close() {
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
        for (EmulatedBoardHost host : hosts) {
            try {
                host.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RigException e = failures.get(0) instanceof RigException r ? r
                    : new RigException("rig did not close cleanly", failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }
}
