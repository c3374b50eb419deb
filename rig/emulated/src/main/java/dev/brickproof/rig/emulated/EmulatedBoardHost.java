package dev.brickproof.rig.emulated;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.BoardStatus;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.PowerCut;
import dev.brickproof.emulator.RealTimeRunner;
import dev.brickproof.emulator.RunReport;
import dev.brickproof.emulator.Uart;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.driver.FlashReader;
import dev.brickproof.rig.driver.SimulatedBoardConnection;
import dev.brickproof.rig.driver.gpio.SimulatedGpio;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.time.RigClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Hosts one emulated board for a rig. Real-time mode: a {@link RealTimeRunner} owns the board, USART1 is
 * bridged to a pty behind a by-id style link, and Pi4J mock outputs drive the board's wires, so the harness's
 * jSerialComm and Pi4J drivers run unchanged. Lockstep mode: the caller's thread runs the board in virtual
 * time through a {@link LockstepLink} and {@link BoardClock}; the same Pi4J mock wiring applies.
 */
public final class EmulatedBoardHost implements SimulatedBoardConnection {
    private final BoardResource resource;
    private final EmulatedBoard board;
    private final RealTimeRunner runner;
    private final PtyBridge bridge;
    private final LockstepLink lockstepLink;
    private final BoardClock clock;
    private final AtomicReference<Consumer<FlashOperation>> flashListener;
    private final PullableCable cable;

    private EmulatedBoardHost(BoardResource resource, EmulatedBoard board, RealTimeRunner runner, PtyBridge bridge,
                              LockstepLink lockstepLink, BoardClock clock,
                              AtomicReference<Consumer<FlashOperation>> flashListener, PullableCable cable) {
        this.cable = cable;
        this.resource = resource;
        this.board = board;
        this.runner = runner;
        this.bridge = bridge;
        this.lockstepLink = lockstepLink;
        this.clock = clock;
        this.flashListener = flashListener;
    }

    /** One listener on the board for its whole life (registered before any runner owns the board). */
    private static AtomicReference<Consumer<FlashOperation>> forwardFlashOperations(EmulatedBoard board) {
        AtomicReference<Consumer<FlashOperation>> target = new AtomicReference<>();
        board.onFlashOperation(op -> {
            Consumer<FlashOperation> l = target.get();
            if (l != null) {
                l.accept(op);
            }
        });
        return target;
    }

    private static EmulatedBoard create(BoardResource resource) {
        try {
            return EmulatedBoard.create(BoardOptions.of(resource.chip())
                    .withSeed(resource.emulated().seed())
                    .withIdleFastForward(resource.emulated().idleFastForward())
                    .withBaudRate(resource.serial().baud()));
        } catch (UnsupportedOperationException e) {
            throw new RigException("the emulator cannot build a " + resource.chip() + " board yet ("
                    + e.getMessage() + "); use a hardware rig file with -Drig=", e);
        }
    }

    /**
     * USART1 as the host's adapter sees it, through a cable a link-cut scenario can pull: the board's own, or a
     * dead one ({@code emulated.faults: [console-dead]}).
     */
    private static PullableCable console(BoardResource resource, EmulatedBoard board) {
        return new PullableCable(resource.emulated().has(BoardResource.RigFault.CONSOLE_DEAD)
                ? new DeadConsole(board.usart1()) : board.usart1());
    }

    /** Default directory for emulated ports: /tmp/brickproof-$USER/serial/by-id. */
    public static Path defaultPortDirectory() {
        return dev.brickproof.rig.RigOptions.defaultPortDirectory();
    }

    /** A board on its own real-time thread, USART1 on a pty linked at {@code portDirectory/emulated-<id>}. */
    public static EmulatedBoardHost realTime(BoardResource resource, Path portDirectory) {
        EmulatedBoard board = create(resource);
        AtomicReference<Consumer<FlashOperation>> flash = forwardFlashOperations(board);
        PullableCable cable = console(resource, board);
        PtyBridge bridge = new PtyBridge(cable, portDirectory.resolve("emulated-" + resource.id()), resource.id());
        try {
            RealTimeRunner runner = RealTimeRunner.start(board, "emulated-" + resource.id());
            return new EmulatedBoardHost(resource, board, runner, bridge, null, null, flash, cable);
        } catch (RuntimeException e) {
            bridge.close();
            throw e;
        }
    }

    /** A board run by the caller's thread in virtual time. */
    public static EmulatedBoardHost lockstep(BoardResource resource) {
        EmulatedBoard board = create(resource);
        AtomicReference<Consumer<FlashOperation>> flash = forwardFlashOperations(board);
        BoardClock clock = new BoardClock(board);
        PullableCable cable = console(resource, board);
        return new EmulatedBoardHost(resource, board, null, null,
                new LockstepLink(board, cable, clock, "lockstep:" + resource.id()), clock, flash, cable);
    }

    @Override
    public Optional<ByteLink> directLink() {
        return Optional.ofNullable(lockstepLink);
    }

    @Override
    public Optional<RigClock> virtualClock() {
        return Optional.ofNullable(clock);
    }

    @Override
    public Path serialPort() {
        // the pty itself, not the by-id link: that name is shared by every run on this machine, and another run
        // re-pointing it between our board's output and our open left us reading a pty nobody writes to
        return devicePath();
    }

    @Override
    public Optional<String> lastEvent() {
        List<RunReport.Event> events = report().events();
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1).detail());
    }

    public boolean isLockstep() {
        return runner == null;
    }

    /** The serial port path a real-time board's console opens (the by-id style link). */
    public Path portPath() {
        if (bridge == null) {
            throw new IllegalStateException("a lockstep board has no serial port");
        }
        return bridge.portPath();
    }

    /**
     * The pty device itself (/dev/pts/N), which the rig opens. The by-id style {@link #portPath()} is for people
     * (minicom, stm32flash): its name is shared by every run on this machine, so another run may re-point it at
     * its own board between our creating it and opening it.
     */
    public Path devicePath() {
        if (bridge == null) {
            throw new IllegalStateException("a lockstep board has no serial port");
        }
        return bridge.devicePath();
    }

    /** The in-process wire of a lockstep board. */
    public ByteLink lockstepLink() {
        if (lockstepLink == null) {
            throw new IllegalStateException("a real-time board is reached through its pty");
        }
        return lockstepLink;
    }

    /** Virtual time of a lockstep board; null in real time. */
    public RigClock lockstepClock() {
        return clock;
    }

    /**
     * Wires the rig's GPIO outputs to the board: NRST, BOOT0, update key, power relay. Levels are electrical,
     * so active-low flags and relay wiring are honoured exactly as on a real board.
     */
    public void wire(SimulatedGpio gpio) {
        gpio.watch(resource.reset(), high -> on(b -> b.setResetAsserted(resource.reset().assertedAt(high))));
        gpio.watch(resource.boot0(), high -> on(b -> b.setBoot0(resource.boot0().assertedAt(high))));
        resource.updateKeyLine().ifPresent(key -> gpio.watch(key, high -> {
            boolean pressed = key.assertedAt(high);
            BoardResource.EmulatedWiring w = resource.emulated();
            on(b -> b.setInput(w.keyPort(), w.keyPin(), pressed == w.keyPressedHigh()));
        }));
        boolean welded = resource.emulated().has(BoardResource.RigFault.RELAY_STUCK_ON);
        gpio.watch(resource.power().coil(), high -> {
            boolean powered = welded || resource.power().poweredWhenCoil(resource.power().coil().assertedAt(high));
            if (powered && bridge != null) {
                bridge.dropPendingToBoard();
            }
            on(b -> b.setPower(powered));
        });
    }

    private void on(Consumer<EmulatedBoard> action) {
        call(b -> {
            action.accept(b);
            return null;
        });
    }

    /** Runs {@code action} on the board's thread (real time) or directly (lockstep). */
    public <T> T call(Function<EmulatedBoard, T> action) {
        return runner != null ? runner.call(action) : action.apply(board);
    }

    @Override
    public byte[] read(int address, int length) {
        return call(b -> b.readMemory(address, length));
    }

    @Override
    public void armPowerCut(PowerCut cut) {
        on(b -> b.armPowerCut(cut));
    }

    @Override
    public void disarmPowerCut() {
        on(EmulatedBoard::disarmPowerCut);
    }

    @Override
    public boolean powerCutFired() {
        return call(EmulatedBoard::powerCutFired);
    }

    @Override
    public BoardStatus status() {
        return call(EmulatedBoard::status);
    }

    /** The emulator's whole run report (events, unmodelled addresses), for forensics and tests. */
    public RunReport report() {
        return call(EmulatedBoard::report);
    }

    @Override
    public List<FlashOperation> flashOperations() {
        return call(b -> List.copyOf(b.flashOperations()));
    }

    @Override
    public void onFlashOperation(Consumer<FlashOperation> listener) {
        flashListener.set(listener);
    }

    @Override
    public void program(int address, byte[] data) {
        on(b -> b.programFlash(address, data));
    }

    @Override
    public void eraseFlash() {
        on(EmulatedBoard::eraseFlash);
    }

    @Override
    public void pullLinkAfter(long hostBytes) {
        cable.pullAfter(hostBytes);
    }

    @Override
    public void plugLinkIn() {
        cable.plugIn();
    }

    @Override
    public boolean linkPulled() {
        return cable.pulled();
    }

    @Override
    public long hostBytesSent() {
        return cable.sentSoFar();
    }

    @Override
    public void startFlashFootprint() {
        on(EmulatedBoard::startFlashFootprint);
    }

    @Override
    public dev.brickproof.api.FlashFootprint stopFlashFootprint() {
        return call(EmulatedBoard::stopFlashFootprint);
    }

    @Override
    public Snapshot snapshot() {
        EmulatedBoard.Snapshot taken = call(EmulatedBoard::snapshot);
        return new HostSnapshot(this, taken);
    }

    @Override
    public void restore(Snapshot snapshot) {
        if (!(snapshot instanceof HostSnapshot s) || s.host() != this) {
            throw new IllegalArgumentException("a snapshot restores only onto the board it was taken from ("
                    + resource.id() + ")");
        }
        on(b -> b.restore(s.board()));
    }

    /** An emulator snapshot tagged with the host it belongs to. */
    private record HostSnapshot(EmulatedBoardHost host, EmulatedBoard.Snapshot board) implements Snapshot {
        @Override
        public java.time.Duration takenAt() {
            return board.takenAt();
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        if (runner != null) {
            try {
                runner.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (bridge != null) {
            bridge.close();
        }
        if (lockstepLink != null) {
            lockstepLink.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
