package dev.brickproof.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.PowerCut;
import dev.brickproof.rig.RigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The manifests' expectedOutcome tables are true: for every bootloader and update phase, power is cut
 * just before the middle flash operation of that phase (one third into the image for "transfer"),
 * power returns with nothing attached, and what the board does is the manifest's outcome. The update is
 * driven by the rig's client for the design; when the cut lands while that client is talking to the board,
 * the client must fail with a typed rig exception (see {@link ClientFailure}).
 */
public class FixturePowerCutTest {
    /** Clean-update flash operations per bootloader: (ops, index of the first one). */
    private record Trace(List<Bench.Op> ops, long base) { }

    private static final Map<String, Trace> TRACES = new ConcurrentHashMap<>();

    @DataProvider(parallel = true)
    public Object[][] cuts() {
        List<Object[]> rows = new ArrayList<>();
        // trial-boot variants promise no power-cut outcomes (their manifests have no expectedOutcome)
        for (String boot : Fixtures.bootloaders().stream().filter(Design::knows)
                .filter(b -> Fixtures.manifest(b).get("expectedOutcome") != null).toList()) {
            for (String phase : Design.PHASES) {
                rows.add(new Object[] {boot, phase});
            }
        }
        return rows.toArray(Object[][]::new);
    }

    private static Trace trace(Design d) {
        return TRACES.computeIfAbsent(d.boot, k -> {
            Bench b = d.bootV1();
            long base = b.board.flashOperations().size();
            b.clearOps();
            d.update(b);
            return new Trace(b.ops(), base);
        });
    }

    @Test(dataProvider = "cuts")
    public void cutInPhaseEndsAsTheManifestSays(String boot, String phase) {
        Design d = Design.of(boot);
        Trace t = trace(d);
        String wanted = phase.equals("transfer") ? "program" : phase;
        List<Bench.Op> in = t.ops().stream().filter(o -> d.phase(o, t.ops()).equals(wanted)).toList();
        String expected = d.expected(phase);
        if (in.isEmpty()) {
            assertThat(expected).as("%s has no %s phase", boot, phase).isEqualTo("NOT_APPLICABLE");
            return;
        }
        Bench.Op target = phase.equals("transfer") ? in.get(in.size() / 3) : in.get(in.size() / 2);
        Bench b = d.bootV1();
        assertThat((long) b.board.flashOperations().size()).isEqualTo(t.base());
        b.board.armPowerCut(PowerCut.beforeFlashOp(target.index() - t.base()));
        RigException clientFailure = ClientFailure.afterCut(b, () -> d.update(b));
        assertThat(b.cutFired()).as("cut before op %s fired", target).isTrue();
        if (phase.equals("transfer")) {
            assertThat(clientFailure).as("a cut one third into the image leaves the %s client without its board",
                    d.designName).isNotNull();
        }
        int mark = b.size();
        b.restorePower();
        b.board.runUntil(() -> b.textSince(mark).contains(d.appBanner(1)) || b.textSince(mark).contains(d.appBanner(2)),
                Duration.ofSeconds(6));
        b.board.runFor(Duration.ofMillis(300));
        assertThat(d.classify(b, mark)).as("%s cut in %s (before %s)\n%s", boot, phase, target, b.textSince(mark))
                .isEqualTo(expected);
    }
}
