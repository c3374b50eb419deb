package dev.brickproof.scenarios;

import dev.brickproof.api.PowerCut;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.Provisioner;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDriver;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.wait.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A power-cut sweep by time, for a real rig: the relay opens at {@code k·step} after the update command, for
 * every k up to the length of a clean update; after each cut the board is provisioned back to v1 through the
 * ROM bootloader (as every scenario provisions), powered, judged (its flash read back through the ROM
 * bootloader when it shows no banner), with the host's retry for a design that resumes ({@link CutRecovery},
 * the same recovery as {@link CutSweep}). On an emulated board the emulator opens the "relay" at exactly that
 * board time ({@link PowerCut#afterTime}), so a lockstep time sweep replays; {@link #relayThread} times the
 * rig's own relay from a thread instead, as on hardware.
 *
 * <pre>{@code
 * TimeSweepResult r = TimeSweep.of(description, "pi-f103").step(Duration.ofMillis(25)).run();
 * }</pre>
 */
public final class TimeSweep {
    private final RigDescription description;
    private final String boardId;
    private String variant;
    private Duration step = Duration.ofMillis(50);
    private boolean lockstep = true;
    private boolean relayThread;

    private TimeSweep(RigDescription description, String boardId) {
        this.description = description;
        this.boardId = boardId;
    }

    public static TimeSweep of(RigDescription description, String boardId) {
        return new TimeSweep(description, boardId);
    }

    /** The bootloader variant to sweep (a name from the rig file's {@code variants}); default the board's own. */
    public TimeSweep variant(String name) {
        this.variant = name;
        return this;
    }

    /** Time between two cut points (default 50 ms). */
    public TimeSweep step(Duration step) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("the step of a time sweep must be positive, not " + step);
        }
        this.step = step;
        return this;
    }

    /** Emulated boards in lockstep virtual time (default) or real time; hardware boards ignore it. */
    public TimeSweep lockstep(boolean on) {
        this.lockstep = on;
        return this;
    }

    /** Open the rig's relay from a timer thread even on an emulated board (the hardware path; real time). */
    public TimeSweep relayThread(boolean on) {
        this.relayThread = on;
        return this;
    }

    public TimeSweepResult run() {
        long start = System.nanoTime();
        BoardResource resource = description.board(boardId).orElseThrow(() -> new RigConfigurationException(
                description.file().toString(), "boards", "no board with id '" + boardId + "'",
                "use one of " + description.boards().stream().map(BoardResource::id).toList()));
        FirmwareImage boot = SweepBoard.bootloader(description, resource, variant);
        RigDescription alone = new RigDescription(description.file(), description.name() + "-timesweep-" + boardId,
                description.gpio(), description.runs(), List.of(resource));
        boolean emulatedLockstep = lockstep && !relayThread;
        try (Rig rig = Rig.open(alone, RigOptions.defaults().withLockstep(emulatedLockstep).withShutdownHook(false))) {
            Board board = rig.board(boardId);
            Run run = new Run(board, boot);
            Duration update = run.dryRun();
            List<TimeSweepResult.TimedCut> cuts = new ArrayList<>();
            for (int k = 0; step.multipliedBy(k).compareTo(update) <= 0; k++) {
                Duration offset = step.multipliedBy(k);
                cuts.add(new TimeSweepResult.TimedCut(k, offset, run.cutAt(offset)));
            }
            return new TimeSweepResult(boardId, board.firmware().design(), boot.variant(), update, step, cuts,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** One board being swept: provisioned to v1 before every cut. */
    private final class Run {
        private final Board board;
        private final FirmwareImage boot;
        private final FirmwareProfile fw;
        private final UpdateDriver driver;
        private final Optional<SimulatedBoard> sim;
        private final CutRecovery recovery;
        private BoardStrategy strategy;

        Run(Board board, FirmwareImage boot) {
            this.board = board;
            this.boot = boot;
            this.fw = board.firmware();
            this.driver = UpdateDrivers.forFirmware(fw);
            this.sim = relayThread ? Optional.empty() : board.simulated();
            this.recovery = new CutRecovery(board, fw, driver, boot.expectedOutcome().containsValue(Outcome.RESUMES));
        }

        /** The clean update's length from the update command to the new banner. */
        Duration dryRun() {
            startAtV1();
            Duration t0 = board.clock().now();
            driver.update(board, strategy, fw.update(), UpdateDeadline.of(board, fw.update()), ProgressListener.NONE);
            board.waitFor(Wait.forConsoleLine(fw.appBanner()).withTimeout(board.resource().timing().bootTimeout()));
            return board.clock().now().minus(t0);
        }

        Verdict cutAt(Duration offset) {
            startAtV1();
            boolean cut;
            try (TimedRelay relay = sim.<TimedRelay>map(s -> new EmulatorRelay(s, offset))
                    .orElseGet(() -> new RelayTimer(board, offset))) {
                try {
                    driver.update(board, strategy, fw.update(), UpdateDeadline.of(board, fw.update()),
                            ProgressListener.NONE);
                    board.waitFor(Wait.forConsoleLine(fw.appBanner())
                            .withTimeout(board.resource().timing().bootTimeout()));
                } catch (RigException e) {
                    if (!relay.fired()) {
                        throw e;
                    }
                }
                cut = relay.awaitFired(board.resource().timing().bootTimeout());
            }
            board.power().off();
            Verdict verdict = recovery.recover(() -> { }).verdict();
            return cut ? verdict : new Verdict(verdict.kind(), verdict.version(), verdict.detail()
                    + " (the update was over before the relay opened)");
        }

        private void startAtV1() {
            board.power().off();
            sim.ifPresent(SimulatedBoard::disarmPowerCut);
            Provisioner.provision(board, List.of(boot, fw.app()));
            board.power().off();
            board.clock().pause(board.resource().timing().powerOff());
            board.console().skipPending();
            strategy = board.newStrategy();
            strategy.transition(BoardState.APP_RUNNING);
        }
    }

    /** The relay opening at a set time after the update starts. */
    private interface TimedRelay extends AutoCloseable {
        boolean fired();

        /** Waits (bounded) for the relay to have opened; false when the time never came. */
        boolean awaitFired(Duration budget);

        @Override
        void close();
    }

    /** On an emulated board: the emulator drops power at exactly that board time. */
    private static final class EmulatorRelay implements TimedRelay {
        private final SimulatedBoard sim;

        EmulatorRelay(SimulatedBoard sim, Duration offset) {
            this.sim = sim;
            sim.armPowerCut(PowerCut.afterTime(offset));
        }

        @Override
        public boolean fired() {
            return sim.powerCutFired();
        }

        @Override
        public boolean awaitFired(Duration budget) {
            return sim.powerCutFired();
        }

        @Override
        public void close() {
            sim.disarmPowerCut();
        }
    }

    /** On hardware: a thread opens the rig's relay when the rig clock reaches the offset. */
    private static final class RelayTimer implements TimedRelay {
        private final RelayOpener opener;

        RelayTimer(Board board, Duration offset) {
            Duration at = board.clock().now().plus(offset);
            opener = new RelayOpener(board, "relay-timer", () -> {
                Duration left = at.minus(board.clock().now());
                if (!left.isNegative()) {
                    Thread.sleep(left.toMillis(), left.toNanosPart() % 1_000_000);
                }
            });
        }

        @Override
        public boolean fired() {
            return opener.fired();
        }

        @Override
        public boolean awaitFired(Duration budget) {
            return opener.awaitFired(budget);
        }

        @Override
        public void close() {
            opener.cancel();
        }
    }
}
