package dev.brickproof.cli;

import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.scenarios.CutPoint;
import dev.brickproof.scenarios.CutSweep;
import dev.brickproof.scenarios.Finding;
import dev.brickproof.scenarios.RestoreTrigger;
import dev.brickproof.scenarios.SweepJson;
import dev.brickproof.scenarios.SweepResult;
import dev.brickproof.scenarios.TimeSweep;
import dev.brickproof.scenarios.TimeSweepResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code brickproof --rig R --board B sweep [--variant V] [--path update|restore [--trigger crash|requested]]
 * [--kinds before,torn,after-last,double] [--stride N] [--json FILE]}: cuts power at every flash operation of the
 * board's update, or of its bootloader's restore of the backup (lockstep emulator), and lists the bad windows with
 * a replay command each. Exit 0 when every cut keeps the promise, 1 when a cut bricks or corrupts the board (a
 * restore: breaks the manifest's {@code rollback: interrupted-restore:}), 2 rig fault, 3 configuration error,
 * 64 usage.
 */
@Command(name = "sweep", description = "Cut power at every flash operation of the board's update, or with --path"
        + " restore of its bootloader's restore of the backup (emulated boards, lockstep), and list the bad windows,"
        + " each with the command that replays it.")
final class SweepCommand implements Callable<Integer> {
    @ParentCommand
    Brickproof parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--variant", description = "bootloader variant from the rig file (default: the board's bootloader)")
    String variant;

    @CommandLine.Mixin
    SweptPathOptions swept;

    @Option(names = "--kinds", split = ",", description = "cut kinds: before, torn, after-last, double, link"
            + " (default: before,after-last)")
    List<String> kinds;

    @Option(names = "--stride", defaultValue = "1", description = "cut at every N-th operation (default: every one)")
    int stride;

    @Option(names = "--threads", description = "boards judging cuts in parallel (default: one per core)")
    Integer threads;

    @Option(names = "--by-time", description = "sweep by time through the relay: cut at k*step after the update"
            + " command (the only way on a hardware board; on an emulated board the emulator opens the relay at"
            + " exactly that board time)")
    boolean byTime;

    @Option(names = "--step", converter = Brickproof.DurationConverter.class, description = "time between two cuts"
            + " of a sweep by time, e.g. 25ms (default: 50ms)")
    java.time.Duration step;

    @Override
    public Integer call() {
        try {
            return run();
        } catch (RigException e) {
            spec.commandLine().getErr().println("brickproof sweep: " + e.getMessage());
            return ExitStatus.of(e).code();
        }
    }

    private int run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<CutPoint.Kind> selected = EnumSet.noneOf(CutPoint.Kind.class);
        try {
            (kinds == null ? List.of("before", "after-last") : kinds).forEach(k -> selected.add(CutPoint.Kind.fromKey(k)));
        } catch (IllegalArgumentException e) {
            err.println("brickproof sweep: --kinds: " + e.getMessage());
            return ExitStatus.USAGE.code();
        }
        java.util.Optional<java.util.Optional<RestoreTrigger>> restore;
        try {
            restore = swept.restore();
        } catch (IllegalArgumentException e) {
            err.println("brickproof sweep: " + e.getMessage());
            return ExitStatus.USAGE.code();
        }
        RigDescription rig = parent.loadRig();
        String board = parent.requireBoard(spec);
        boolean emulated = rig.board(board).map(b -> b.serial().isEmulated()).orElse(true);
        if (restore.isPresent() && (byTime || !emulated)) {
            err.println("brickproof sweep: --path restore cuts before a flash operation of the restore, which only"
                    + " an emulated board can do; run it on an emulated board, without --by-time");
            return ExitStatus.USAGE.code();
        }
        if (byTime || !emulated) {
            return byTime(rig, board, out, err);
        }
        CutSweep sweep;
        try {
            sweep = CutSweep.of(rig, board).variant(variant).kinds(selected).stride(stride);
            if (restore.isPresent()) {
                sweep.restore(restore.get().orElse(null));
            }
        } catch (IllegalArgumentException e) {
            err.println("brickproof sweep: " + e.getMessage());
            return ExitStatus.USAGE.code();
        }
        if (threads != null) {
            sweep.threads(threads);
        }
        TerminalProgress progress = new TerminalProgress(err, System.console() != null);
        SweepResult result;
        try {
            result = sweep.progress(progress).run();
        } catch (IllegalArgumentException e) {
            progress.finish();
            err.println("brickproof sweep: " + e.getMessage());
            return ExitStatus.USAGE.code();
        }
        progress.finish();
        result.restore().ifPresent(r -> out.println(r.summary()));
        out.printf(Locale.ROOT, "%s (%s) on %s: %d %s flash operations, %d cuts judged (%d executed, %d memoised),"
                        + " %d bad, %.1f s (%.1f upgrade-equivalents)%n", result.design(), result.variant(),
                result.board(), result.trace().size(), result.path(), result.cutsJudged(), result.executed(),
                result.memoised(), result.badCuts(), result.wallSeconds(), result.upgradeEquivalents());
        for (Finding f : result.findings()) {
            out.println("FINDING " + f.summary());
            out.println("  " + f.verdict().detail());
            out.println("  replay: " + f.replay());
        }
        java.util.Optional<Path> json = parent.jsonFile();
        if (json.isPresent()) {
            SweepJson.write(SweepJson.of(result), json.get());
            out.println("json: " + json.get());
        }
        return status(result).code();
    }

    /** A sweep by time through the relay ({@link TimeSweep}): what a hardware rig can do. */
    private int byTime(RigDescription rig, String board, PrintWriter out, PrintWriter err) {
        TimeSweep sweep;
        try {
            sweep = TimeSweep.of(rig, board).variant(variant).lockstep(parent.lockstep);
            if (step != null) {
                sweep.step(step);
            }
        } catch (IllegalArgumentException e) {
            err.println("brickproof sweep: " + e.getMessage());
            return ExitStatus.USAGE.code();
        }
        TimeSweepResult result = sweep.run();
        out.printf(Locale.ROOT, "%s (%s) on %s: update %.3f s, %d time cuts every %d ms, %d bad, %.1f s%n",
                result.design(), result.variant(), result.board(), result.update().toMillis() / 1000.0,
                result.cuts().size(), result.step().toMillis(),
                result.cuts().stream().filter(TimeSweepResult.TimedCut::bad).count(), result.wall().toMillis() / 1000.0);
        for (TimeSweepResult.Window w : result.findings()) {
            out.println("FINDING " + w.summary());
            out.println("  " + w.verdict().detail());
        }
        java.util.Optional<Path> json = parent.jsonFile();
        if (json.isPresent()) {
            try {
                new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                        .writerWithDefaultPrettyPrinter().writeValue(json.get().toFile(), java.util.Map.of(
                                "board", result.board(), "design", result.design(), "variant", result.variant(),
                                "updateMillis", result.update().toMillis(), "stepMillis", result.step().toMillis(),
                                "cuts", result.cuts().stream().map(c -> java.util.Map.of("index", c.index(),
                                        "offsetMillis", c.offset().toMillis(), "verdict", c.verdict().kind().name(),
                                        "version", String.valueOf(c.verdict().version()),
                                        "detail", c.verdict().detail())).toList(),
                                "findings", result.findings().stream().map(TimeSweepResult.Window::summary).toList()));
            } catch (java.io.IOException e) {
                throw new RigException("cannot write " + json.get() + ": " + e.getMessage(), e);
            }
            out.println("json: " + json.get());
        }
        boolean rigFault = result.cuts().stream().anyMatch(c -> c.verdict().kind() == Verdict.Kind.RIG_FAULT);
        ExitStatus s = result.findings().isEmpty() ? ExitStatus.PROMISE_KEPT : ExitStatus.PRODUCT_DEFECT;
        return (rigFault ? s.worst(ExitStatus.RIG_FAULT) : s).code();
    }

    static ExitStatus status(SweepResult result) {
        boolean rigFault = result.outcomes().stream().anyMatch(c -> c.verdict().kind() == Verdict.Kind.RIG_FAULT);
        ExitStatus s = result.brokePromise() ? ExitStatus.PRODUCT_DEFECT : ExitStatus.PROMISE_KEPT;
        return rigFault ? s.worst(ExitStatus.RIG_FAULT) : s;
    }
}
