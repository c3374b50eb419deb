package dev.brickproof.testng.signoff;

import dev.brickproof.scenarios.signoff.Signoff;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.scenarios.ScenarioRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the {@link Signoff} from the run's test outcomes and the rig description. */
public final class SignoffCollector {
    private final SignoffFacts facts;

    public SignoffCollector(SignoffFacts facts) {
        this.facts = facts;
    }

    /** The run's identity: rig, suite, Brickproof version, date, and the build it belongs to ("" for none). */
    public record Run(String rigName, String rigFile, String suite, String version, String date, String build) { }

    public Signoff collect(Run run, Optional<RigDescription> rig, List<TestOutcome> tests) {
        Map<String, List<TestOutcome>> byBoard = new TreeMap<>();
        Map<String, List<TestOutcome>> checks = new TreeMap<>();
        for (TestOutcome t : tests) {
            Optional<String[]> key = key(t);
            if (key.isPresent()) {
                byBoard.computeIfAbsent(key.get()[0] + "\u0000" + key.get()[1], k -> new ArrayList<>()).add(t);
            } else {
                checks.computeIfAbsent(t.board().orElse("rig") + "\u0000" + t.kind(), k -> new ArrayList<>()).add(t);
            }
        }
        List<Signoff.BoardSignoff> boards = new ArrayList<>();
        byBoard.forEach((k, list) -> {
            String[] parts = k.split("\u0000", 2);
            boards.add(board(parts[0], parts[1], rig, list));
        });
        Signoff.Counts totals = counts(tests);
        int notRecoverable = boards.stream().mapToInt(Signoff.BoardSignoff::notRecoverable).sum();
        return new Signoff(run.rigName(), run.rigFile(), run.suite(), run.version(), run.date(), run.build(),
                Signoff.promises(totals, notRecoverable), totals, boards, checks(checks), checks.values().stream()
                .flatMap(List::stream).filter(t -> t.status() != TestOutcome.Status.PASSED)
                .map(t -> new Signoff.Problem(t.name(), t.status().name(), t.message())).toList());
    }

    /**
     * Board and bootloader of a test: from its first scenario record, else from its parameters; empty for a
     * check of no bootloader (the rig, a board's health).
     */
    private static Optional<String[]> key(TestOutcome t) {
        Optional<ScenarioRecord> first = t.records().stream().filter(r -> !r.kind().equals("forensics")).findFirst()
                .or(() -> t.records().stream().findFirst());
        if (first.isPresent()) {
            return Optional.of(new String[] {first.get().board(), first.get().bootloader()});
        }
        return t.board().flatMap(b -> t.bootloader().map(v -> new String[] {b, v}));
    }

    private static List<Signoff.CheckCounts> checks(Map<String, List<TestOutcome>> checks) {
        List<Signoff.CheckCounts> out = new ArrayList<>();
        checks.forEach((k, list) -> {
            String[] parts = k.split("\u0000", 2);
            out.add(new Signoff.CheckCounts(parts[0], parts[1], counts(list)));
        });
        return out;
    }

    private Signoff.BoardSignoff board(String id, String variant, Optional<RigDescription> rig,
                                       List<TestOutcome> tests) {
        Optional<BoardResource> resource = rig.flatMap(r -> r.board(id));
        Optional<FirmwareProfile> fw = resource.flatMap(BoardResource::firmwareProfile);
        Map<String, String> firmware = new LinkedHashMap<>();
        Optional<FirmwareImage> boot = fw.flatMap(f -> variant.equals(f.bootloader().variant())
                ? Optional.of(f.bootloader()) : f.variant(variant));
        boolean negativeControl = boot.map(b -> b.expectedOutcome().containsValue(Outcome.BRICKED)
                || b.expectedOutcome().containsValue(Outcome.CORRUPTED)).orElse(false);
        fw.ifPresent(f -> {
            boot.ifPresent(b -> firmware.put(b.file().getFileName().toString(), b.sha256()));
            firmware.put(f.app().file().getFileName().toString(), f.app().sha256());
            firmware.put(f.update().file().getFileName().toString(), f.update().sha256());
        });
        long cuts = 0;
        long ops = 0;
        List<Signoff.FindingLine> findings = new ArrayList<>();
        List<Signoff.Problem> problems = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        List<String> recoveries = new ArrayList<>();
        int recoverable = 0;
        int notRecoverable = 0;
        for (TestOutcome t : tests) {
            if (t.status() != TestOutcome.Status.PASSED) {
                problems.add(new Signoff.Problem(t.name(), t.status().name(), t.message()));
            }
            for (ScenarioRecord r : t.records()) {
                Optional<Facts> f = facts.of(r);
                if (f.isEmpty()) {
                    continue;
                }
                cuts += f.get().cutPoints();
                ops = Math.max(ops, f.get().flashOperations());
                findings.addAll(f.get().findings());
                f.get().outcome().ifPresent(outcomes::add);
                if (f.get().recovery().isPresent()) {
                    Facts.Recovered rec = f.get().recovery().get();
                    recoveries.add(t.name() + ": " + rec.line());
                    if (rec.yes()) {
                        recoverable++;
                    } else {
                        notRecoverable++;
                    }
                }
            }
        }
        return new Signoff.BoardSignoff(id, resource.map(b -> b.chip().name()).orElse("?"),
                fw.map(FirmwareProfile::design).orElse("?"), fw.map(FirmwareProfile::protocol).orElse("?"), variant,
                negativeControl, firmware, kinds(tests), counts(tests), cuts, ops, findings, problems, outcomes, recoveries,
                recoverable, notRecoverable);
    }

    private static List<Signoff.KindCounts> kinds(List<TestOutcome> tests) {
        Map<String, List<TestOutcome>> byKind = new TreeMap<>();
        tests.forEach(t -> byKind.computeIfAbsent(t.kind(), k -> new ArrayList<>()).add(t));
        List<Signoff.KindCounts> out = new ArrayList<>();
        byKind.forEach((k, list) -> out.add(new Signoff.KindCounts(k, counts(list))));
        return out;
    }

    static Signoff.Counts counts(List<TestOutcome> tests) {
        int[] n = new int[TestOutcome.Status.values().length];
        tests.forEach(t -> n[t.status().ordinal()]++);
        return new Signoff.Counts(tests.size(), n[0], n[1], n[2], n[3]);
    }
}
