package dev.brickproof.scenarios;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * {@code ./mvnw -B -Pbench verify}: a full sweep ({@code before} every operation + {@code after-last}) of every
 * reference design and variant, and of a D5-style update padded to 19 KiB, written to
 * {@code reports/bench/sweep.json} (fields explained in reports/README.md). A benchmark, not a test: it asserts
 * nothing about speed, only that the sweeps ran. {@code -Dbench.stride=N} cuts every N-th operation only (a
 * quick look; the JSON records the stride).
 */
public class SweepBenchTest {

    @Test
    public void fullSweepsOfEveryReferenceDesign() {
        if (!Boolean.getBoolean("brickproof.bench")) {
            throw new SkipException("benchmark: run with -Pbench");
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("cores", Runtime.getRuntime().availableProcessors());
        int stride = Integer.getInteger("bench.stride", 1);
        root.put("stride", stride);
        root.put("kinds", stride == 1 ? "before (every operation) + after-last"
                : "before (every " + stride + "th operation, bad windows refined) + after-last");
        ArrayNode sweeps = root.putArray("sweeps");
        for (Object[] row : ReferenceRig.boardsAndVariants()) {
            SweepResult r = CutSweep.of(ReferenceRig.load(), (String) row[0]).variant((String) row[1]).stride(stride)
                    .run();
            sweeps.add(entry(r, (String) row[0]));
            System.out.println("bench " + entry(r, (String) row[0]));
        }
        int size = Integer.getInteger("bench.d5.size", 19 * 1024);
        SweepResult big = CutSweep.of(PaddedD5.rig(size), "f103-d5").stride(stride).run();
        ObjectNode d5 = entry(big, "f103-d5");
        d5.put("note", "reference D5 with v2.0 padded to " + size + " bytes by the test");
        root.set("d5Padded", d5);
        System.out.println("bench " + d5);
        SweepJson.write(root, Path.of(System.getProperty("brickproof.root", "../.."), "reports/bench/sweep.json"));
    }

    private static ObjectNode entry(SweepResult r, String board) {
        ObjectNode n = SweepJson.summary(r);
        n.put("board", board);
        n.put("design", r.design());
        n.put("variant", r.variant());
        n.put("badCuts", r.badCuts());
        return n;
    }
}
