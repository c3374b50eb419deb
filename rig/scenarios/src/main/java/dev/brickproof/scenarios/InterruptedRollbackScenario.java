package dev.brickproof.scenarios;

import dev.brickproof.rig.resource.RigDescription;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Interrupted rollback: a power-cut sweep of the bootloader's restore of its backup ({@link CutSweep#restore}).
 * The trigger (a new app crashing at its trial boot, or a healthy one asking for the old image back) comes from the
 * bootloader's manifest unless given; the dry run records every flash operation after it; power is cut before every
 * one (or every {@code stride}-th), inside every erase and after the last, each cut judged, flash compared, against
 * the manifest's {@code rollback: interrupted-restore:}. Emulated boards only: a relay cannot hit a flash operation.
 */
public final class InterruptedRollbackScenario {
    private final RigDescription description;
    private final String boardId;
    private final ScenarioSteps steps;
    private String variant;
    private RestoreTrigger trigger;
    private int stride = 1;
    private boolean executeEveryCut;
    private Set<CutPoint.Kind> kinds = EnumSet.of(CutPoint.Kind.BEFORE, CutPoint.Kind.TORN, CutPoint.Kind.AFTER_LAST);

    public InterruptedRollbackScenario(RigDescription description, String boardId, ScenarioSteps steps) {
        this.description = description;
        this.boardId = boardId;
        this.steps = steps;
    }

    /** The bootloader variant (a name from the rig file's variants); default the board's own. */
    public InterruptedRollbackScenario withBootloader(String variantName) {
        this.variant = variantName;
        return this;
    }

    /** What starts the restore; default the one the bootloader's manifest implies ({@link RestoreTrigger#of}). */
    public InterruptedRollbackScenario withTrigger(RestoreTrigger restoreTrigger) {
        this.trigger = restoreTrigger;
        return this;
    }

    /** Cut before every {@code n}-th restore operation (1, the default: every one). */
    public InterruptedRollbackScenario withStride(int n) {
        this.stride = n;
        return this;
    }

    public InterruptedRollbackScenario withKinds(Set<CutPoint.Kind> cutKinds) {
        this.kinds = EnumSet.copyOf(cutKinds);
        return this;
    }

    /** Run the restore again for every cut (no fork from flash, no memo): the slow reference. */
    public InterruptedRollbackScenario executeEveryCut(boolean on) {
        this.executeEveryCut = on;
        return this;
    }

    public SweepResult run() {
        CutSweep sweep = CutSweep.of(description, boardId).variant(variant).restore(trigger).kinds(kinds)
                .stride(stride).executeEveryCut(executeEveryCut);
        SweepResult r = steps.step("sweep the restore of the backup: dry run after the trigger, then a cut"
                + (stride == 1 ? " before every" : " before every " + stride + "th") + " flash operation, "
                + kinds.stream().map(CutPoint.Kind::key).toList() + ", each judged against the manifest", sweep::run);
        RestoreRun restore = r.restore().orElseThrow();
        steps.parameter("restore trigger", restore.trigger().key());
        steps.parameter("promised after a cut", restore.promised());
        steps.parameter("restore flash operations", r.trace().size());
        steps.parameter("executed / memoised", r.executed() + " / " + r.memoised());
        steps.attach("uninterrupted restore", "text/plain", restore.summary() + "\n" + restore.uninterrupted() + "\n",
                ".txt");
        StringBuilder findings = new StringBuilder();
        r.findings().forEach(f -> findings.append(f.summary()).append('\n').append("  ").append(f.verdict().detail())
                .append('\n').append("  replay: ").append(f.replay()).append('\n'));
        steps.attach("restore sweep findings", "text/plain", findings.length() == 0 ? "none\n" : findings.toString(),
                ".txt");
        steps.attach("restore sweep summary", "text/plain", String.format(Locale.ROOT, "%d restore operations, %d cuts"
                + " (%d executed, %d memoised), %d bad, %d findings, %.1f s%n", r.trace().size(), r.cutsJudged(),
                r.executed(), r.memoised(), r.badCuts(), r.findings().size(), r.wallSeconds()), ".txt");
        return r;
    }
}
