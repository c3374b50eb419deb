package dev.brickproof.scenarios;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sweep as JSON: per cut its index, kind, operation (type, address), phase, verdict (kind, version, detail)
 * and whether it was memoised or executed; a summary (ops, cuts judged, executed, memoised, wall seconds,
 * upgrade equivalents) and the findings with their replay commands.
 */
public final class SweepJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepJson() { }

    public static ObjectNode of(SweepResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("board", r.board());
        root.put("design", r.design());
        root.put("variant", r.variant());
        root.put("path", r.path());
        r.restore().ifPresent(restore -> {
            ObjectNode n = root.putObject("restore");
            n.put("trigger", restore.trigger().key());
            n.put("newApp", restore.newApp());
            n.put("promised", restore.promised().name());
            n.put("uninterrupted", restore.uninterrupted().kind().name());
            n.put("uninterruptedVersion", restore.uninterrupted().version());
            n.put("keptPromise", restore.keptPromise());
        });
        root.set("summary", summary(r));
        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("kind", f.kind().key());
            n.put("first", f.first().toString());
            n.put("last", f.last().toString());
            n.put("cuts", f.cuts());
            n.put("phase", f.phase());
            n.put("firstOp", f.firstOp());
            n.put("lastOp", f.lastOp());
            n.put("verdict", f.verdict().kind().name());
            n.put("detail", f.verdict().detail());
            n.put("flashSha256", f.flashDigest());
            n.put("replay", f.replay());
            f.relayOffset().ifPresent(d -> n.put("relayOffsetMs", d.toNanos() / 1e6));
        }
        ArrayNode cuts = root.putArray("cuts");
        for (int i = 0; i < r.outcomes().size(); i++) {
            CutOutcome c = r.outcomes().get(i);
            ObjectNode n = cuts.addObject();
            n.put("index", i);
            n.put("cut", c.cut().toString());
            n.put("kind", c.cut().kind().key());
            c.op().ifPresent(op -> {
                n.put("op", op.position());
                n.put("type", op.operation().kind().name());
                n.put("address", String.format("0x%08X", op.operation().address()));
                n.put("phase", op.phaseKey());
            });
            ObjectNode v = n.putObject("verdict");
            v.put("kind", c.verdict().kind().name());
            v.put("version", c.verdict().version());
            v.put("detail", c.verdict().detail());
            n.put("flashSha256", c.flashDigest());
            n.put("memoised", c.memoised());
        }
        return root;
    }

    /** The summary block alone (also the per-design entry of reports/bench/sweep.json). */
    public static ObjectNode summary(SweepResult r) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("ops", r.trace().size());
        s.put("cutsJudged", r.cutsJudged());
        s.put("executed", r.executed());
        s.put("memoised", r.memoised());
        s.put("badCuts", r.badCuts());
        s.put("findings", r.findings().size());
        s.put("threads", r.threads());
        s.put("wallSeconds", round(r.wallSeconds()));
        s.put("cutsPerSecond", round(r.cutsPerSecond()));
        s.put("upgradeVirtualSeconds", round(r.trace().upgradeTime().toNanos() / 1e9));
        s.put("upgradeEquivalents", round(r.upgradeEquivalents()));
        return s;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    public static void write(ObjectNode json, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            MAPPER.writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
