package dev.brickproof.scenarios.signoff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * One sign-off from several suite runs of the same build: {@code ./mvnw verify} runs the real-time scenario suite
 * and then the rejected-image and rollback suites in lockstep, each in its own TestNG run, and the release is signed
 * off on all of them together. Counts add up, boards and bootloaders are joined by name, the one line is decided
 * again from the joined counts with the same rule ({@link Signoff#promises}).
 */
public final class SignoffMerge {
    private SignoffMerge() { }

    /**
     * True when {@code later} belongs to the same build and rig as {@code earlier} and so extends it; false when
     * {@code earlier} is from another build (an older run's file, or a run that asked for no merging).
     */
    public static boolean sameBuild(Signoff earlier, Signoff later) {
        return !later.build().isBlank() && later.build().equals(earlier.build())
                && later.rigFile().equals(earlier.rigFile());
    }

    /** The sign-off of both runs; {@code later}'s date and version stand for the whole. */
    public static Signoff merge(Signoff earlier, Signoff later) {
        Signoff.Counts totals = earlier.totals().plus(later.totals());
        List<Signoff.BoardSignoff> boards = joined(earlier.boards(), later.boards(),
                b -> b.board() + "\u0000" + b.bootloader(), SignoffMerge::board);
        List<Signoff.CheckCounts> checks = joined(earlier.checks(), later.checks(), c -> c.board() + "\u0000" + c.kind(),
                (a, b) -> new Signoff.CheckCounts(a.board(), a.kind(), a.counts().plus(b.counts())));
        int notRecoverable = boards.stream().mapToInt(Signoff.BoardSignoff::notRecoverable).sum();
        return new Signoff(joined(earlier.rig(), later.rig()), joined(earlier.rigFile(), later.rigFile()),
                joined(earlier.suite(), later.suite()), later.version(), later.date(), later.build(),
                Signoff.promises(totals, notRecoverable), totals, boards, checks,
                concat(earlier.checkProblems(), later.checkProblems()));
    }

    /** "a + b", each name once: the suites (or rigs) a merged sign-off covers. */
    private static String joined(String earlier, String later) {
        return List.of(earlier.split(" \\+ ")).contains(later) ? earlier : earlier + " + " + later;
    }

    private static Signoff.BoardSignoff board(Signoff.BoardSignoff a, Signoff.BoardSignoff b) {
        Map<String, String> firmware = new LinkedHashMap<>(a.firmware());
        firmware.putAll(b.firmware());
        List<Signoff.KindCounts> kinds = joined(a.kinds(), b.kinds(), Signoff.KindCounts::kind,
                (x, y) -> new Signoff.KindCounts(x.kind(), x.counts().plus(y.counts())));
        return new Signoff.BoardSignoff(a.board(), a.chip(), a.design(), a.protocol(), a.bootloader(),
                a.negativeControl() || b.negativeControl(), firmware, kinds, a.totals().plus(b.totals()),
                a.cutPoints() + b.cutPoints(), Math.max(a.flashOperations(), b.flashOperations()),
                concat(a.findings(), b.findings()), concat(a.problems(), b.problems()), concat(a.outcomes(), b.outcomes()),
                concat(a.recoveries(), b.recoveries()), a.recoverable() + b.recoverable(),
                a.notRecoverable() + b.notRecoverable());
    }

    /** Both lists' entries by key, in key order (as the collector orders them); entries under one key joined. */
    private static <T> List<T> joined(List<T> a, List<T> b, Function<T, String> key, BinaryOperator<T> join) {
        Map<String, T> byKey = new TreeMap<>();
        for (T t : concat(a, b)) {
            byKey.merge(key.apply(t), t, join);
        }
        return List.copyOf(byKey.values());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** {@code later} merged into {@code earlier} when both are of one build, else {@code later} alone. */
    public static Signoff onto(Optional<Signoff> earlier, Signoff later) {
        return earlier.filter(e -> sameBuild(e, later)).map(e -> merge(e, later)).orElse(later);
    }

    /**
     * All of {@code signoffs} as one, whatever their builds (the CI shards of one night, several rig hosts); the
     * build becomes their builds joined.
     */
    public static Signoff all(List<Signoff> signoffs) {
        if (signoffs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        Signoff merged = signoffs.get(0);
        for (Signoff s : signoffs.subList(1, signoffs.size())) {
            merged = merge(merged, s);
        }
        String builds = String.join("+", signoffs.stream().map(Signoff::build)
                .filter(b -> b != null && !b.isBlank()).distinct().toList());
        return new Signoff(merged.rig(), merged.rigFile(), merged.suite(), merged.version(), merged.date(), builds,
                merged.promises(), merged.totals(), merged.boards(), merged.checks(), merged.checkProblems());
    }
}
