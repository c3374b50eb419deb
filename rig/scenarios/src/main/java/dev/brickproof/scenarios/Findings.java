package dev.brickproof.scenarios;

import java.util.ArrayList;
import java.util.List;

/** Groups judged cuts into findings: contiguous runs of one kind with the same bad verdict kind. */
final class Findings {
    private Findings() { }

    /** {@code outcomes} in sweep order (by kind, then operation); {@code replay} turns a cut into a command. */
    static List<Finding> of(List<CutOutcome> outcomes, java.util.function.Function<CutPoint, String> replay) {
        List<Finding> findings = new ArrayList<>();
        int i = 0;
        while (i < outcomes.size()) {
            CutOutcome first = outcomes.get(i);
            int j = i;
            if (first.bad()) {
                while (j + 1 < outcomes.size() && outcomes.get(j + 1).bad()
                        && outcomes.get(j + 1).cut().kind() == first.cut().kind()
                        && outcomes.get(j + 1).verdict().kind() == first.verdict().kind()) {
                    j++;
                }
                CutOutcome last = outcomes.get(j);
                findings.add(new Finding(first.cut().kind(), first.cut(), last.cut(), j - i + 1, describe(first),
                        describe(last), first.op().map(TracedOp::phaseKey).orElse("-"), first.verdict(),
                        first.flashDigest(), replay.apply(first.cut()),
                        first.cut().kind() == CutPoint.Kind.AFTER_LAST ? java.util.Optional.empty()
                                : first.op().map(TracedOp::offset)));
            }
            i = j + 1;
        }
        return findings;
    }

    private static String describe(CutOutcome outcome) {
        if (outcome.cut().kind() == CutPoint.Kind.AFTER_LAST) {
            return "after the last operation";
        }
        return outcome.op().map(TracedOp::description).orElse(outcome.cut().toString());
    }
}
