package dev.brickproof.testng.signoff;

import dev.brickproof.scenarios.signoff.Signoff;
import dev.brickproof.scenarios.ForensicsResult;
import dev.brickproof.scenarios.PowerCutResult;
import dev.brickproof.scenarios.RejectedImageResult;
import dev.brickproof.scenarios.ScenarioRecord;
import dev.brickproof.scenarios.SweepResult;
import dev.brickproof.scenarios.UpgradeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which result values the sign-off knows and what each contributes ({@link Facts}). A new scenario result kind is
 * one {@link #with} line in {@link #standard()}; a result of an unknown type still counts in its test's kind (the
 * test's pass/fail is what the sign-off counts), it only adds no facts.
 */
public final class SignoffFacts {
    private final Map<Class<?>, Function<Object, Facts>> kinds = new LinkedHashMap<>();

    public static SignoffFacts standard() {
        return new SignoffFacts()
                .with(UpgradeResult.class, r -> Facts.outcome("upgrade to v" + r.expected() + ": " + r.verdict().kind()
                        + version(r.verdict().version())))
                .with(PowerCutResult.class, r -> new Facts(r.cutBefore().isPresent() ? 1 : 0, 0, List.of(),
                        Optional.empty(), Optional.of("cut in " + r.phase().key() + ": expected " + r.expectation()
                                + ", got " + r.verdict().kind() + version(r.verdict().version()))))
                .with(RejectedImageResult.class, r -> Facts.outcome(r.kind().key() + ": " + r.verdict().kind()
                        + version(r.verdict().version())))
                .with(SweepResult.class, r -> new Facts(r.cutsJudged(), r.trace().size(), r.findings().stream()
                        .map(f -> new Signoff.FindingLine(r.board(), r.variant(), f.summary(), f.verdict().kind().name(),
                                f.replay())).toList(), Optional.empty(), Optional.empty()))
                .with(ForensicsResult.class, r -> new Facts(0, 0, List.of(),
                        Optional.of(new Facts.Recovered(r.recoverable(), r.recovery().line())), Optional.empty()));
    }

    private static String version(String v) {
        return v == null ? "" : "(v" + v + ")";
    }

    /** What a result of {@code type} contributes. */
    public <T> SignoffFacts with(Class<T> type, Function<T, Facts> facts) {
        kinds.put(type, o -> facts.apply(type.cast(o)));
        return this;
    }

    public Optional<Facts> of(ScenarioRecord record) {
        return kinds.entrySet().stream().filter(e -> e.getKey().isInstance(record.result())).findFirst()
                .map(e -> e.getValue().apply(record.result()));
    }
}
