package dev.brickproof.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Figures of every fuzzed property in this test JVM, written as JSON after each property:
 * {@code reports/bench/fuzz.json} in the campaign, {@code target/fuzz-sample.json} otherwise. One per JVM
 * (jqwik runs the properties one after another on one thread; a lifecycle hook cannot hand a property-scoped
 * store to the property body, so the property now running is held here).
 */
final class FuzzLedger {
    private static final FuzzLedger THIS_RUN = new FuzzLedger();
    private final List<TargetStats> targets = new ArrayList<>();
    private final long started = System.nanoTime();
    private Cases current;

    static FuzzLedger ofThisRun() {
        return THIS_RUN;
    }

    synchronized Cases open(String target, String property, String seed, FuzzTarget limits) {
        TargetStats stats = new TargetStats(target, property, seed);
        targets.add(stats);
        current = new Cases(stats, limits);
        return current;
    }

    synchronized Cases current() {
        if (current == null) {
            throw new IllegalStateException("no fuzz property is running: register FuzzBudget with @AddLifecycleHook"
                    + " and annotate the property with @FuzzTarget");
        }
        return current;
    }

    synchronized void close(Cases cases, String status) {
        cases.stats().finish(status);
        current = null;
    }

    synchronized void write(Path file, Mode mode) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("generated", Instant.now().toString());
        root.put("mode", mode.campaign() ? "campaign (-Pfuzz)" : "default build sample");
        root.put("baseSeed", mode.baseSeed());
        root.put("command", mode.campaign() ? "./mvnw -B -Pfuzz -pl rig/fuzz -am verify" : "./mvnw -B -pl rig/fuzz -am verify");
        ArrayNode list = root.putArray("targets");
        long cases = 0;
        long undocumented = 0;
        double maxMillis = 0;
        List<TargetStats> sorted = new ArrayList<>(targets);
        sorted.sort(Comparator.comparing(TargetStats::target).thenComparing(TargetStats::property));
        for (TargetStats t : sorted) {
            ObjectNode n = list.addObject();
            n.put("target", t.target());
            n.put("property", t.property());
            n.put("documentedExceptions", t.documented());
            n.put("cases", t.cases());
            n.put("undocumentedExceptions", t.undocumented());
            if (t.firstUndocumented() != null) {
                n.put("firstUndocumented", t.firstUndocumented());
            }
            n.put("maxCaseMillis", Math.round(t.maxCaseMillis() * 1000) / 1000.0);
            n.put("maxCaseAllocatedBytes", t.maxCaseAllocated());
            n.put("seed", t.seed());
            n.put("status", t.status());
            ObjectNode thrown = n.putObject("outcomes");
            t.thrown().forEach(thrown::put);
            cases += t.cases();
            undocumented += t.undocumented();
            maxMillis = Math.max(maxMillis, t.maxCaseMillis());
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("targets", sorted.size());
        totals.put("cases", cases);
        totals.put("undocumentedExceptions", undocumented);
        totals.put("maxCaseMillis", Math.round(maxMillis * 1000) / 1000.0);
        totals.put("wallSeconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        ObjectNode fields = root.putObject("fields");
        fields.put("target", "the decoder or loader fuzzed");
        fields.put("property", "the jqwik property (class#method) that fed it; one entry per property");
        fields.put("documentedExceptions", "what the target's javadoc says it throws for bad input");
        fields.put("cases", "inputs run through the target (shrinking steps after a failure included)");
        fields.put("undocumentedExceptions", "cases that threw anything else (a crash); must be 0");
        fields.put("maxCaseMillis", "wall time of the slowest case; every case must stay under its bound");
        fields.put("maxCaseAllocatedBytes", "heap allocated by the hungriest case (this thread)");
        fields.put("seed", "the jqwik seed; rerun one property with it to reproduce its inputs");
        fields.put("outcomes", "how many cases returned and how many threw each documented exception");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            json.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fuzz report " + file, e);
        }
    }
}
