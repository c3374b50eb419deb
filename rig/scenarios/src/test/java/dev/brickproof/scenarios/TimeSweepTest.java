package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.verdict.Verdict;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * Time sweeps, the real rig's way of hunting a brick: the relay opens k·step after the update command. In
 * lockstep the emulator opens it at exactly that board time; with the relay timer thread (the hardware path) the
 * rig's own relay is opened by the clock, in real time.
 */
public class TimeSweepTest {

    @Test
    public void aRobustD1SurvivesTheRelayOpeningAnywhereInItsUpdate() {
        TimeSweepResult r = TimeSweep.of(ReferenceRig.load(), "f103-d1").step(Duration.ofMillis(200)).run();
        assertThat(r.update()).isGreaterThan(Duration.ofMillis(800));
        assertThat(r.cuts()).hasSizeGreaterThanOrEqualTo(5).allSatisfy(c ->
                assertThat(c.verdict().kind()).as("%s", c).isEqualTo(Verdict.Kind.BOOTED));
        assertThat(r.cuts()).anySatisfy(c -> assertThat(c.verdict().version()).isEqualTo("2.0"));
        assertThat(r.findings()).isEmpty();
    }

    @Test
    public void d5ClearingItsFlagEarlyIsCaughtByTimeCutsAndTheWindowNamesItsRelayOffset() {
        TimeSweepResult r = TimeSweep.of(ReferenceRig.load(), "f103-d5").variant("flag-cleared-early")
                .step(Duration.ofMillis(100)).run();
        assertThat(r.findings()).as("cuts %s", r.cuts()).isNotEmpty();
        TimeSweepResult.Window w = r.findings().get(0);
        assertThat(w.verdict().kind()).isIn(Verdict.Kind.BRICKED, Verdict.Kind.CORRUPTED);
        assertThat(w.summary()).contains("open the relay " + w.first().offset().toMillis() + " ms after");
        assertThat(r.cuts().get(0).verdict().kind()).as("a cut at the update command").isEqualTo(Verdict.Kind.BOOTED);
    }

    @Test
    public void theRelayTimerThreadCutsARealTimeBoardAsOnHardware() {
        TimeSweepResult r = TimeSweep.of(ReferenceRig.load(), "f103-d1").relayThread(true).lockstep(false)
                .step(Duration.ofMillis(700)).run();
        assertThat(r.cuts()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(c ->
                assertThat(c.verdict().kind()).as("%s", c).isEqualTo(Verdict.Kind.BOOTED));
        assertThat(r.cuts()).filteredOn(c -> c.offset().compareTo(r.update()) < 0)
                .allSatisfy(c -> assertThat(c.verdict().detail()).doesNotContain("over before the relay"));
    }
}
