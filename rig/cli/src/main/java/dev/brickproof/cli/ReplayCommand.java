package dev.brickproof.cli;

import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.scenarios.CutOutcome;
import dev.brickproof.scenarios.CutPoint;
import dev.brickproof.scenarios.CutReplay;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code brickproof --rig R --board B replay [--variant V] [--path restore [--trigger T]] --cut before:K}: replays
 * one cut of a sweep literally (the update, or the restore after its trigger, again with the cut armed in the
 * emulator) and prints the verdict and the flash digest.
 */
@Command(name = "replay", description = "Replay one power cut of a sweep (before:K, torn:K[:seed], after-last,"
        + " double:K:J) deterministically in lockstep; prints the verdict and the flash SHA-256.")
final class ReplayCommand implements Callable<Integer> {
    @ParentCommand
    Brickproof parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--variant", description = "bootloader variant from the rig file (default: the board's bootloader)")
    String variant;

    @CommandLine.Mixin
    SweptPathOptions swept;

    @Option(names = "--cut", required = true, description = "the cut: before:K, torn:K[:seed], after-last, double:K:J")
    String cut;

    @Override
    public Integer call() {
        try {
            return run();
        } catch (RigException e) {
            spec.commandLine().getErr().println("brickproof replay: " + e.getMessage());
            return ExitStatus.of(e).code();
        }
    }

    private int run() {
        PrintWriter out = spec.commandLine().getOut();
        CutPoint point;
        try {
            point = CutPoint.parse(cut);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("brickproof replay: --cut: " + e.getMessage());
            return ExitStatus.USAGE.code();
        }
        CutReplay.Replayed replayed;
        try {
            CutReplay replay = new CutReplay(parent.loadRig(), parent.requireBoard(spec), variant);
            swept.restore().ifPresent(t -> replay.restore(t.orElse(null)));
            replayed = replay.replay(point);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            spec.commandLine().getErr().println("brickproof replay: " + e.getMessage());
            return ExitStatus.USAGE.code();
        }
        CutOutcome o = replayed.outcome();
        out.println("cut: " + o.cut() + o.op().map(op -> " (" + op.phaseKey() + ": " + op.description() + ")")
                .orElse(""));
        out.println("verdict: " + o.verdict());
        out.println("flash sha256: " + o.flashDigest());
        return ExitStatus.of(o.verdict(), !o.bad()).code();
    }
}
