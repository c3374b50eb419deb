package dev.brickproof.scenarios;

import dev.brickproof.api.Chip;
import dev.brickproof.api.FlashFootprint;
import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.PowerCut;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.driver.FlashReader;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.update.Provisioner;
import dev.brickproof.rig.update.UpdateDriver;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictJudge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One lockstep board of its own rig that judges cut points: provisioned once (bootloader variant + v1, power
 * off) and snapshotted there; every cut forks from that snapshot through the rig's own drivers (power relay,
 * console, update driver, verdict judge), so a sweep exercises the same code paths as a scenario. What is swept
 * (the update, or the bootloader's restore after a rollback trigger) is its {@link SweptPath}.
 *
 * <p>Two ways to reach the state after a cut: {@link #executed} runs the update again with the cut armed in
 * the emulator; {@link #transplanted} restores the state after a reference cut and puts the flash a cut
 * would leave in place (after a power cut only flash survives). {@code EquivalenceTest} proves the two agree.
 */
final class SweepBoard implements AutoCloseable {
    private final Rig rig;
    private final Board board;
    private final SimulatedBoard sim;
    private final FlashReader reader;
    private final FirmwareProfile fw;
    private final FirmwareImage boot;
    private final UpdateDriver driver;
    private final boolean resumes;
    private final Chip chip;
    private final SimulatedBoard.Snapshot provisioned;
    private final CutRecovery recovery;
    private final SweptPath path;
    private SimulatedBoard.Snapshot afterReferenceCut;

    private SweepBoard(Rig rig, Board board, FirmwareImage boot, Optional<RestoreTrigger> restore) {
        this.rig = rig;
        this.board = board;
        this.sim = board.simulated().orElseThrow(() -> new RigConfigurationException(
                rig.description().file().toString(), "boards[" + board.id() + "].serial.port",
                "a sweep by flash operation needs an emulated board", "give 'port: emulated' or sweep by time"));
        this.reader = board.flashReader().orElseThrow();
        this.fw = board.firmware();
        this.boot = boot;
        this.driver = UpdateDrivers.forFirmware(fw);
        this.chip = board.resource().chip();
        Provisioner.provision(board, List.of(boot, fw.app()));
        this.provisioned = sim.snapshot();
        this.path = restore.<SweptPath>map(t -> new RestorePath(board, sim, fw, driver, provisioned, t, boot))
                .orElseGet(() -> new UpdatePath(board, sim, fw, driver, provisioned));
        // a restore is never resumed by the host: the bootloader alone brings the backup back
        this.resumes = restore.isEmpty() && boot.expectedOutcome().containsValue(Outcome.RESUMES);
        this.recovery = new CutRecovery(board, fw, driver, resumes, List.of(path.oldApp(), path.newApp()),
                path::beforeVerdict);
    }

    /**
     * Opens board {@code boardId} of {@code description} alone on a lockstep rig of its own (worker
     * {@code worker}: its transcripts go to their own run directory).
     */
    static SweepBoard open(RigDescription description, String boardId, String variant, int worker) {
        return open(description, boardId, variant, worker, Optional.empty());
    }

    /** As {@link #open(RigDescription, String, String, int)}, sweeping the restore after {@code restore} if given. */
    static SweepBoard open(RigDescription description, String boardId, String variant, int worker,
                           Optional<RestoreTrigger> restore) {
        BoardResource resource = description.board(boardId).orElseThrow(() -> new RigConfigurationException(
                description.file().toString(), "boards", "no board with id '" + boardId + "'",
                "use one of " + description.boards().stream().map(BoardResource::id).toList()));
        FirmwareImage boot = bootloader(description, resource, variant);
        RigDescription alone = new RigDescription(description.file(), description.name() + "-sweep-" + boardId
                + "-" + worker, description.gpio(), description.runs(), List.of(resource));
        Rig rig = Rig.open(alone, RigOptions.defaults().withLockstep(true).withShutdownHook(false));
        try {
            return new SweepBoard(rig, rig.board(boardId), boot, restore);
        } catch (RuntimeException e) {
            rig.close();
            throw e;
        }
    }

    /** The bootloader image of {@code variant} (null: the board's own bootloader). */
    static FirmwareImage bootloader(RigDescription description, BoardResource resource, String variant) {
        FirmwareProfile fw = resource.firmwareProfile().orElseThrow(() -> new RigConfigurationException(
                description.file().toString(), "boards[" + resource.id() + "].firmware",
                "this board has no firmware profile", "declare its design, protocol and manifests"));
        if (variant == null || variant.equals(fw.bootloader().variant())) {
            return fw.bootloader();
        }
        return fw.variant(variant).filter(FirmwareImage::isBootloader).orElseThrow(() ->
                new RigConfigurationException(description.file().toString(),
                        "boards[" + resource.id() + "].firmware.variants", "no bootloader variant '" + variant + "'",
                        "use " + fw.bootloader().variant() + " or one of " + fw.variants().values().stream()
                                .filter(FirmwareImage::isBootloader).map(FirmwareImage::variant).toList()));
    }

    String boardId() {
        return board.id();
    }

    /** The rig board behind this sweep board (forensics of a replay). */
    Board board() {
        return board;
    }

    FirmwareProfile firmware() {
        return fw;
    }

    FirmwareImage bootloader() {
        return boot;
    }

    /** What this board sweeps: the update, or the restore after a rollback trigger. */
    SweptPath path() {
        return path;
    }

    /** Runs the clean update once, recording every flash operation and the bytes it left. */
    UpdateTrace dryRun() {
        return dryRunJudged().trace();
    }

    /** The dry run and, for a restore, the verdict of the uninterrupted restore. */
    record DryRun(UpdateTrace trace, Optional<Verdict> verdict) { }

    /** Runs the swept path once without a cut, recording every flash operation and the bytes it left. */
    DryRun dryRunJudged() {
        path.toStart();
        byte[] start = readFlash();
        Duration t0 = board.clock().now();
        List<FlashOperation> ops = new ArrayList<>();
        List<byte[]> written = new ArrayList<>();
        List<Duration> offsets = new ArrayList<>();
        sim.onFlashOperation(op -> {
            if (ops.isEmpty() || ops.get(ops.size() - 1).index() != op.index()) {
                ops.add(op);
                offsets.add(board.clock().now().minus(t0));
                // lockstep: this runs on this thread inside the board's run; a raw read has no side effects
                written.add(op.outcome() == FlashOperation.Outcome.COMPLETED ? reader.read(op.address(), op.length())
                        : null);
            }
        });
        long hostBytes0 = sim.hostBytesSent();
        Optional<Verdict> verdict;
        try {
            path.begin();
            verdict = path.finishDryRun();
        } finally {
            sim.onFlashOperation(null);
        }
        Duration upgrade = board.clock().now().minus(t0);
        return new DryRun(UpdateTrace.of(fw.design(), boot.variant(), boot.layout(), chip.pageSize(), ops, written,
                offsets, start, chip.flashBase(), upgrade, sim.hostBytesSent() - hostBytes0, path.restore().isEmpty()),
                verdict);
    }

    /** Runs the swept path with {@code cut} armed in the emulator until it fires, recovers and judges. */
    CutOutcome executed(CutPoint cut, UpdateTrace trace) {
        path.toStart();
        if (cut.kind() == CutPoint.Kind.LINK) {
            if (!(path instanceof UpdatePath update)) {
                throw new IllegalArgumentException("a link cut pulls the host's cable during an update: the"
                        + " restore of a backup has no transfer to cut");
            }
            return linkCut(cut, update);
        }
        switch (cut.kind()) {
            case BEFORE, DOUBLE -> sim.armPowerCut(PowerCut.beforeFlashOp(cut.op()));
            case TORN -> sim.armPowerCut(PowerCut.duringFlashOp(cut.op(), cut.tornFraction()));
            case AFTER_LAST -> sim.armPowerCut(PowerCut.afterFlashOp(trace.size() - 1L));
            default -> throw new IllegalStateException(cut.kind().name());
        }
        updateUntilCut(cut);
        board.power().off();
        Optional<String> second = Optional.empty();
        if (cut.kind() == CutPoint.Kind.DOUBLE) {
            second = secondCut(cut);
        }
        CutOutcome outcome = recoverAndJudge(cut, opOf(cut, trace));
        return second.map(s -> outcome.withDetailAdded(" (" + s + ")")).orElse(outcome);
    }

    /**
     * {@code link:B}: the console cable comes out after host byte B of the update (power stays); the host's
     * client fails as it would on a real line. The cable goes back in and the host retries the update once, as a
     * user would (a fresh start: the board's state is unknown to it). Then, as after every cut, power is cycled
     * and the board judged, with the host's retry of the transfer for a design that resumes.
     */
    private CutOutcome linkCut(CutPoint cut, UpdatePath update) {
        sim.pullLinkAfter(cut.op());
        String retry = "";
        try {
            update.begin();
        } catch (RigException e) {
            if (!sim.linkPulled()) {
                throw e;
            }
        }
        boolean pulled = sim.linkPulled();
        sim.plugLinkIn();
        if (pulled) {
            try {
                update.retry();
            } catch (RigException e) {
                retry = " (after the link cut the host's retry of the update failed: " + e.getMessage() + ")";
            }
        }
        board.power().off();
        CutOutcome outcome = recoverAndJudge(cut, Optional.empty());
        if (!pulled) {
            retry = " (the update sent fewer than " + (cut.op() + 1) + " bytes: the link was never cut)";
        }
        return retry.isEmpty() ? outcome : outcome.withDetailAdded(retry);
    }

    /** Power returns after the first cut and fails again before operation J of the recovery boot. */
    private Optional<String> secondCut(CutPoint cut) {
        board.clock().pause(board.resource().timing().powerOff());
        board.console().skipPending();
        sim.armPowerCut(PowerCut.beforeFlashOp(cut.second()));
        board.power().on();
        boolean fired = board.clock() instanceof dev.brickproof.rig.time.VirtualClock v
                ? v.advanceUntil(sim::powerCutFired, board.resource().timing().bootTimeout()) : sim.powerCutFired();
        sim.disarmPowerCut();
        board.power().off();
        return fired ? Optional.empty() : Optional.of("the recovery boot made fewer than " + (cut.second() + 1)
                + " flash operations: the second cut never happened");
    }

    /** Restores the state after the reference cut, then puts {@code flash} in place, recovers and judges. */
    CutOutcome transplanted(CutPoint cut, UpdateTrace trace, byte[] flash) {
        toReferenceCut(flash);
        return recoverAndJudge(cut, opOf(cut, trace));
    }

    /**
     * A {@link #transplanted} cut that also records the recovery's flash footprint (what it read before writing,
     * what it wrote, the verdict's read-back included) and the flash it left: any later cut whose flash agrees on
     * those inputs runs the same way from the same reference state, and leaves its own flash with the same
     * written bytes laid over it.
     */
    Tracked transplantedTracked(CutPoint cut, UpdateTrace trace, byte[] flash) {
        toReferenceCut(flash);
        FootprintStop stop = new FootprintStop();
        sim.startFlashFootprint();
        CutRecovery.Result recovered;
        try {
            recovered = recovery.recover(stop);
        } finally {
            stop.run();
        }
        byte[] end = readFlash();
        return new Tracked(outcome(cut, opOf(cut, trace), recovered.verdict(), FirmwareManifests.sha256(end),
                false), stop.footprint, end, recovered.lastObservation());
    }

    /**
     * A judged cut with what its recovery depended on and the flash it left; with the last observation when the
     * verdict was decided from it and a flash read back after the footprint stopped (then another cut's verdict
     * is decided again from its own flash, {@link #rejudge}), else the verdict's read-back is among the inputs.
     */
    record Tracked(CutOutcome outcome, FlashFootprint footprint, byte[] endFlash,
                   Optional<VerdictJudge.Observation> lastObservation) {
    }

    /** The verdict {@code seen} gets over main flash {@code flash}: the judge's own rules, no board involved. */
    Verdict rejudge(VerdictJudge.Observation seen, byte[] flash) {
        return VerdictJudge.decide(seen, List.of(path.oldApp(), path.newApp()), flash, chip.flashBase());
    }

    /** A judged cut, bad when its verdict breaks what the manifest promises for the swept path. */
    CutOutcome outcome(CutPoint cut, Optional<TracedOp> op, Verdict verdict, String flashDigest, boolean memoised) {
        return new CutOutcome(cut, op, verdict, flashDigest, memoised, path.breaksPromise(verdict));
    }

    /** Stops the footprint once, whichever comes first: the last verdict's read-back or the end of recovery. */
    private final class FootprintStop implements Runnable {
        private FlashFootprint footprint;

        @Override
        public void run() {
            if (footprint == null) {
                footprint = sim.stopFlashFootprint();
            }
        }
    }

    private void toReferenceCut(byte[] flash) {
        if (afterReferenceCut == null) {
            path.toStart();
            sim.armPowerCut(PowerCut.beforeFlashOp(0));
            updateUntilCut(CutPoint.before(0));
            board.power().off();
            afterReferenceCut = sim.snapshot();
        }
        board.power().off();
        sim.restore(afterReferenceCut);
        sim.program(chip.flashBase(), flash);
    }

    private static Optional<TracedOp> opOf(CutPoint cut, UpdateTrace trace) {
        boolean inUpdate = cut.kind() == CutPoint.Kind.BEFORE || cut.kind() == CutPoint.Kind.TORN
                || cut.kind() == CutPoint.Kind.DOUBLE;
        return inUpdate && cut.op() < trace.size() ? Optional.of(trace.operation((int) cut.op()))
                : cut.kind() == CutPoint.Kind.AFTER_LAST ? Optional.of(trace.operation(trace.size() - 1))
                : Optional.empty();
    }

    private void updateUntilCut(CutPoint cut) {
        try {
            path.begin();
        } catch (RigException e) {
            if (!sim.powerCutFired()) {
                throw e;
            }
        }
        board.waiter().until("the power cut " + cut, sim::powerCutFired, path.cutWait());
    }

    /** Power back after the relay's off time; the verdict; for a design that resumes, the host's retry. */
    private CutOutcome recoverAndJudge(CutPoint cut, Optional<TracedOp> op) {
        Verdict verdict = recovery.recover(() -> { }).verdict();
        return outcome(cut, op, verdict, FirmwareManifests.sha256(readFlash()), false);
    }

    byte[] readFlash() {
        return reader.read(chip.flashBase(), chip.flashSize());
    }

    /** Starts a fresh console transcript (each cut overwrites the last one: bounded on disk). */
    void transcript(String name) {
        board.console().startTranscript(rig.runDir().resolve(board.id()).resolve(name + ".log"));
    }

    @Override
    public void close() {
        rig.close();
    }
}
