package dev.brickproof.scenarios;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.RigDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A power-cut sweep of one board's update: a dry run records every flash operation, then power is cut at every
 * operation (or every {@code stride}-th), inside erases, after the last one and, sampled, twice; each cut is
 * judged by the rig's own verdict rules on a lockstep fork of the board, in parallel on {@code threads} boards.
 *
 * <p>Fast path (the default): a {@code before:K} or {@code after-last} cut leaves exactly the flash the dry run
 * had before operation K (only flash survives a power cut), so the board is forked from the state after a
 * reference cut with that flash put in place, and outcomes are memoised by the flash their recovery reads
 * ({@link FootprintMemo}: same bytes wherever the recovery read before writing, same run). {@link #executeEveryCut} turns both shortcuts off: every cut then runs
 * the update again with the cut armed in the emulator. {@code EquivalenceTest} requires both to agree.
 *
 * <p>{@link #restore} sweeps the bootloader's restore of its backup instead ({@link RestorePath}): the dry run
 * records the operations after the rollback trigger, and every cut is judged against the manifest's {@code
 * rollback: interrupted-restore:} promise, by the same loop, memo and findings.
 *
 * <pre>{@code
 * SweepResult r = CutSweep.of(description, "f103-d5").variant("flag-cleared-early").run();
 * r.findings().forEach(f -> System.out.println(f.summary() + "\n  " + f.replay()));
 * }</pre>
 */
public final class CutSweep {
    /** Erases are torn at three fractions (seeds 0, 1, 2), programs at one (seed 0). */
    private static final int ERASE_TEAR_SEEDS = 3;
    /** double:K:J cuts are made at every this many strided operations, J = the recovery boot's first op. */
    private static final int DOUBLE_SAMPLE = 16;
    private static final int CHUNK = 16;
    /** link:B cuts are made at every this many host bytes (times the stride). */
    static final int LINK_STEP = 128;

    private final RigDescription description;
    private final String boardId;
    private String variant;
    private Optional<RestoreTrigger> restore = Optional.empty();
    private Set<CutPoint.Kind> kinds = EnumSet.of(CutPoint.Kind.BEFORE, CutPoint.Kind.AFTER_LAST);
    private int stride = 1;
    private boolean executeEveryCut;
    private int threads = Runtime.getRuntime().availableProcessors();
    private SweepProgress progress = SweepProgress.NONE;

    private CutSweep(RigDescription description, String boardId) {
        this.description = description;
        this.boardId = boardId;
    }

    public static CutSweep of(RigDescription description, String boardId) {
        return new CutSweep(description, boardId);
    }

    /** The bootloader variant to sweep (a name from the rig file's {@code variants}); default the board's own. */
    public CutSweep variant(String name) {
        this.variant = name;
        return this;
    }

    /**
     * Sweep the bootloader's restore of its backup after {@code trigger} instead of the update (null: the
     * trigger the bootloader's manifest implies, {@link RestoreTrigger#of}).
     */
    public CutSweep restore(RestoreTrigger trigger) {
        FirmwareImage boot = SweepBoard.bootloader(description, description.board(boardId).orElseThrow(() ->
                new IllegalArgumentException("no board '" + boardId + "'")), variant);
        RestoreTrigger.promised(boot);   // a manifest without the promise is a configuration error, before any board
        this.restore = Optional.of(trigger == null ? RestoreTrigger.of(boot) : trigger);
        return this;
    }

    public CutSweep kinds(Set<CutPoint.Kind> kinds) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one cut kind");
        }
        this.kinds = EnumSet.copyOf(kinds);
        return this;
    }

    /** Cut at every {@code n}-th operation (1 = every operation). */
    public CutSweep stride(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("stride must be >= 1, not " + n);
        }
        this.stride = n;
        return this;
    }

    /** Run the update again for every cut (no fork from flash, no memoisation): the slow reference. */
    public CutSweep executeEveryCut(boolean on) {
        this.executeEveryCut = on;
        return this;
    }

    public CutSweep threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    public CutSweep progress(SweepProgress listener) {
        this.progress = listener;
        return this;
    }

    /** The command that replays {@code cut} of this sweep deterministically in lockstep. */
    public String replayCommand(CutPoint cut) {
        return "brickproof --rig " + description.file() + " --board " + boardId + " replay"
                + (variant == null ? "" : " --variant " + variant)
                + restore.map(t -> " --path restore --trigger " + t.key()).orElse("") + " --cut " + cut;
    }

    public SweepResult run() {
        if (restore.isPresent() && kinds.contains(CutPoint.Kind.LINK)) {
            throw new IllegalArgumentException("link cuts pull the host's cable during an update: a restore has no"
                    + " transfer to cut; use before, torn, after-last or double");
        }
        long start = System.nanoTime();
        List<SweepBoard> boards = new ArrayList<>();
        try {
            SweepBoard first = SweepBoard.open(description, boardId, variant, 0, restore);
            boards.add(first);
            first.transcript("dry-run");
            SweepBoard.DryRun dry = first.dryRunJudged();
            UpdateTrace trace = dry.trace();
            Optional<RestoreRun> restoreRun = first.path().restoreRun(dry.verdict());
            List<CutPoint> plan = plan(trace);
            CutOutcome[] outcomes = new CutOutcome[plan.size()];
            FootprintMemo memo = new FootprintMemo();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            int workers = Math.min(threads, Math.max(1, plan.size() / CHUNK));
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "sweep-" + boardId);
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    int worker = w;
                    futures.add(pool.submit(() -> {
                        SweepBoard board = worker == 0 ? first : open(boards, worker);
                        board.transcript("last-cut");
                        new Worker(board, trace, plan, outcomes, memo, next, done, start).run();
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new RigException("sweep failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RigException("sweep of " + boardId + " interrupted", e);
            } finally {
                pool.shutdownNow();
            }
            List<CutOutcome> all = refine(new Worker(first, trace, plan, outcomes, memo, next, done, start),
                    List.of(outcomes));
            return new SweepResult(boardId, first.firmware().design(), first.bootloader().variant(), trace, all,
                    Findings.of(all, this::replayCommand), Duration.ofNanos(System.nanoTime() - start), workers,
                    restoreRun);
        } finally {
            RuntimeException failure = null;
            for (SweepBoard b : boards) {
                try {
                    b.close();
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * With a stride, a bad window may start between two judged cuts: walks back from the first bad
     * {@code before} cut of each run, one operation at a time, while the cut ends the same way, so that every
     * finding starts at its true first operation (the minimal replay).
     */
    private List<CutOutcome> refine(Worker worker, List<CutOutcome> judged) {
        if (stride == 1) {
            return judged;
        }
        List<CutOutcome> all = new ArrayList<>(judged);
        for (int i = 0; i < judged.size(); i++) {
            CutOutcome c = judged.get(i);
            CutOutcome previous = i == 0 ? null : judged.get(i - 1);
            boolean startsRun = c.bad() && c.cut().kind() == CutPoint.Kind.BEFORE && (previous == null
                    || previous.cut().kind() != CutPoint.Kind.BEFORE || !previous.bad()
                    || previous.verdict().kind() != c.verdict().kind());
            if (!startsRun) {
                continue;
            }
            long floor = previous != null && previous.cut().kind() == CutPoint.Kind.BEFORE ? previous.cut().op() : -1;
            for (long k = c.cut().op() - 1; k > floor; k--) {
                CutOutcome earlier = worker.judge(CutPoint.before(k));
                if (!earlier.bad() || earlier.verdict().kind() != c.verdict().kind()) {
                    break;
                }
                all.add(earlier);
            }
        }
        all.sort(Comparator.comparing((CutOutcome o) -> o.cut().kind()).thenComparingLong(o -> o.cut().op())
                .thenComparingLong(o -> o.cut().second()));
        return all;
    }

    private SweepBoard open(List<SweepBoard> boards, int worker) {
        SweepBoard b = SweepBoard.open(description, boardId, variant, worker, restore);
        synchronized (boards) {
            boards.add(b);
        }
        return b;
    }

    /** The cuts of this sweep, in report order: by kind, then operation. */
    List<CutPoint> plan(UpdateTrace trace) {
        List<CutPoint> plan = new ArrayList<>();
        for (int k = 0; k < trace.size(); k += stride) {
            if (kinds.contains(CutPoint.Kind.BEFORE)) {
                plan.add(CutPoint.before(k));
            }
        }
        if (kinds.contains(CutPoint.Kind.TORN)) {
            for (TracedOp op : trace.operations()) {
                boolean erase = op.operation().kind() != FlashOperation.Kind.PROGRAM;
                boolean completed = op.operation().outcome() == FlashOperation.Outcome.COMPLETED;
                if (completed && (erase || op.position() % stride == 0)) {
                    for (int seed = 0; seed < (erase ? ERASE_TEAR_SEEDS : 1); seed++) {
                        plan.add(CutPoint.torn(op.position(), seed));
                    }
                }
            }
        }
        if (kinds.contains(CutPoint.Kind.AFTER_LAST) && trace.size() > 0) {
            plan.add(CutPoint.afterLast());
        }
        if (kinds.contains(CutPoint.Kind.DOUBLE)) {
            for (int k = 0; k < trace.size(); k += stride * DOUBLE_SAMPLE) {
                plan.add(CutPoint.twice(k, 0));
            }
        }
        if (kinds.contains(CutPoint.Kind.LINK)) {
            // every LINK_STEP-th host byte (times the stride): about one cut per 1 KiB block of a transfer
            for (long b = 0; b < trace.hostBytes(); b += (long) stride * LINK_STEP) {
                plan.add(CutPoint.link(b));
            }
        }
        plan.sort(Comparator.comparing(CutPoint::kind).thenComparingLong(CutPoint::op)
                .thenComparingLong(CutPoint::second));
        return plan;
    }

    /** Judges chunks of the plan on one board, walking the flash forward from the dry run. */
    private final class Worker {
        private final SweepBoard board;
        private final UpdateTrace trace;
        private final List<CutPoint> plan;
        private final CutOutcome[] outcomes;
        private final FootprintMemo memo;
        private final AtomicInteger next;
        private final AtomicInteger done;
        private final long start;
        private byte[] flash;
        private int flashAt = -1;
        /** The entry the last judged cut matched, and the operation index of that cut's flash. */
        private FootprintMemo.Entry lastEntry;
        private int lastEntryAt = -1;

        Worker(SweepBoard board, UpdateTrace trace, List<CutPoint> plan, CutOutcome[] outcomes,
               FootprintMemo memo, AtomicInteger next, AtomicInteger done, long start) {
            this.board = board;
            this.trace = trace;
            this.plan = plan;
            this.outcomes = outcomes;
            this.memo = memo;
            this.next = next;
            this.done = done;
            this.start = start;
        }

        void run() {
            int from;
            while ((from = next.getAndAdd(CHUNK)) < plan.size()) {
                for (int i = from; i < Math.min(plan.size(), from + CHUNK); i++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new RigException("sweep of " + boardId + " interrupted");
                    }
                    outcomes[i] = judge(plan.get(i));
                    progress.cutsDone(done.incrementAndGet(), plan.size(),
                            Duration.ofNanos(System.nanoTime() - start));
                }
            }
        }

        private CutOutcome judge(CutPoint cut) {
            boolean flashOnly = cut.kind() == CutPoint.Kind.BEFORE || cut.kind() == CutPoint.Kind.AFTER_LAST;
            if (executeEveryCut || !flashOnly) {
                return board.executed(cut, trace);
            }
            int k = cut.kind() == CutPoint.Kind.AFTER_LAST ? trace.size() : (int) cut.op();
            byte[] image = flashBefore(k);
            Optional<FootprintMemo.Entry> known = stillMatches(k) ? Optional.of(lastEntry) : memo.find(image);
            if (known.isPresent()) {
                lastEntry = known.get();
                lastEntryAt = k;
                return FootprintMemo.reuse(known.get(), cut, opOf(cut), image, board);
            }
            SweepBoard.Tracked tracked = board.transplantedTracked(cut, trace, image);
            memo.add(tracked, image);
            lastEntry = null;
            return tracked.outcome();
        }

        /**
         * True when the flash before operation {@code k} still matches the last entry: the operations from the
         * last match up to {@code k} wrote none of its inputs (the flash differs only where they wrote).
         */
        private boolean stillMatches(int k) {
            if (lastEntry == null || k < lastEntryAt) {
                return false;
            }
            for (int i = lastEntryAt; i < k; i++) {
                FlashOperation op = trace.operation(i).operation();
                if (op.outcome() == FlashOperation.Outcome.COMPLETED
                        && lastEntry.footprint().dependsOn(op.address() - trace.flashBase(), op.length())) {
                    return false;
                }
            }
            return true;
        }

        private Optional<TracedOp> opOf(CutPoint cut) {
            return cut.kind() == CutPoint.Kind.AFTER_LAST ? Optional.of(trace.operation(trace.size() - 1))
                    : Optional.of(trace.operation((int) cut.op()));
        }

        /** The flash before operation {@code k}, applying the dry run's writes forward from the last one. */
        private byte[] flashBefore(int k) {
            if (flash == null || k < flashAt) {
                flash = trace.startFlash();
                flashAt = 0;
            }
            trace.applyUpTo(flash, flashAt, k);
            flashAt = k;
            return flash.clone();
        }
    }
}
