package dev.brickproof.rig;

import dev.brickproof.rig.driver.BootModeControl;
import dev.brickproof.rig.driver.Console;
import dev.brickproof.rig.driver.FlashReader;
import dev.brickproof.rig.driver.PowerControl;
import dev.brickproof.rig.driver.ResetControl;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.time.RigClock;
import dev.brickproof.rig.wait.WaitStrategy;
import dev.brickproof.rig.wait.WaitTarget;
import dev.brickproof.rig.wait.Waiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One board of a rig: its resource description and the drivers acting on it. Suites talk to boards only
 * through these interfaces; no jSerialComm or Pi4J type is visible here.
 */
public final class Board implements WaitTarget, AutoCloseable {
    private final BoardResource resource;
    private final RigClock clock;
    private final PowerControl power;
    private final ResetControl reset;
    private final BootModeControl bootMode;
    private final Console console;
    private final Waiter waiter;
    private final FlashReader flashReader;
    private final SimulatedBoard simulated;
    private boolean closed;

    public Board(BoardResource resource, RigClock clock, PowerControl power, ResetControl reset,
                 BootModeControl bootMode, Console console, FlashReader flashReader, SimulatedBoard simulated) {
        this.resource = resource;
        this.clock = clock;
        this.power = power;
        this.reset = reset;
        this.bootMode = bootMode;
        this.console = console;
        this.flashReader = flashReader;
        this.simulated = simulated;
        this.waiter = Waiter.on(clock, "board " + resource.id(), console::isDisconnected,
                () -> String.join("\n", console.lastLines(10)));
    }

    public String id() {
        return resource.id();
    }

    @Override
    public String name() {
        return "board " + resource.id();
    }

    public BoardResource resource() {
        return resource;
    }

    /** The firmware profile, or a configuration error naming the rig file when the board has none. */
    public FirmwareProfile firmware() {
        return resource.firmwareProfile().orElseThrow(() -> new RigConfigurationException("(rig file)",
                "boards[id=" + id() + "].firmware", "this board has no firmware profile",
                "declare design, updateEntry, protocol and the bootloader/app/update manifests"));
    }

    public RigClock clock() {
        return clock;
    }

    public PowerControl power() {
        return power;
    }

    public ResetControl reset() {
        return reset;
    }

    public BootModeControl bootMode() {
        return bootMode;
    }

    @Override
    public Console console() {
        return console;
    }

    @Override
    public Waiter waiter() {
        return waiter;
    }

    /** Flash read-back, when the rig has a way (emulator; ROM bootloader client on hardware). */
    public Optional<FlashReader> flashReader() {
        return Optional.ofNullable(flashReader);
    }

    /** Emulator-only stimuli and forensics; empty on hardware. */
    public Optional<SimulatedBoard> simulated() {
        return Optional.ofNullable(simulated);
    }

    /** A new strategy for this board (one per scenario: a failed strategy stays failed). */
    public BoardStrategy newStrategy() {
        return new BoardStrategy(this);
    }

    /** Waits with a swappable strategy: {@code board.waitFor(Wait.forConsoleLine("v2").withTimeout(...))}. */
    public <W extends WaitStrategy> W waitFor(W wait) {
        wait.waitUntilReady(this);
        return wait;
    }

    /** Drivers back to the declared safe state: reset released, BOOT0 low, key released, power as declared. */
    public synchronized void toSafeState() {
        List<RuntimeException> failures = new ArrayList<>();
        for (AutoCloseable driver : new AutoCloseable[] {reset, bootMode, power}) {
            try {
                driver.close();
            } catch (Exception e) {
                failures.add(e instanceof RuntimeException r ? r : new RigException(e.getMessage(), e));
            }
        }
        if (!failures.isEmpty()) {
            GpioException e = new GpioException("board " + id() + " did not return to its safe state",
                    failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            toSafeState();
        } finally {
            console.close();
        }
    }
}
