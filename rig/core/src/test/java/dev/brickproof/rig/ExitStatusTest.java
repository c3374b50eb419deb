package dev.brickproof.rig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.verdict.Verdict;
import org.testng.annotations.Test;

public class ExitStatusTest {

    @Test
    public void configurationErrorsAreThreeAndOtherRigErrorsTwo() {
        assertThat(ExitStatus.of(new RigConfigurationException("rig.yaml", "boards", "empty", "add a board")).code()).isEqualTo(3);
        assertThat(ExitStatus.of(new RigTimeoutException("the banner", java.time.Duration.ofSeconds(3), "")).code()).isEqualTo(2);
    }

    @Test
    public void anInterruptedRunIs130NotARigFault() {
        assertThat(ExitStatus.of(new RunInterruptedException("reading from the console")))
                .isEqualTo(ExitStatus.INTERRUPTED);
        assertThat(ExitStatus.INTERRUPTED.code()).isEqualTo(130);
    }

    @Test
    public void anUncaughtBugIsSeventyNeverOne() {
        assertThat(ExitStatus.of(new NullPointerException()).code()).isEqualTo(70);
        assertThat(ExitStatus.of(new IllegalStateException()).code()).isEqualTo(70);
    }

    @Test
    public void verdictsMapToKeptDefectOrRigFault() {
        assertThat(ExitStatus.of(Verdict.bricked("no banner"), false)).isEqualTo(ExitStatus.PRODUCT_DEFECT);
        assertThat(ExitStatus.of(Verdict.booted("2.0", "v2"), true)).isEqualTo(ExitStatus.PROMISE_KEPT);
        assertThat(ExitStatus.of(Verdict.rigFault("port gone"), true)).isEqualTo(ExitStatus.RIG_FAULT);
    }

    @Test
    public void theWorstStatusOfARunWins() {
        assertThat(ExitStatus.PROMISE_KEPT.worst(ExitStatus.PRODUCT_DEFECT)).isEqualTo(ExitStatus.PRODUCT_DEFECT);
        assertThat(ExitStatus.RIG_FAULT.worst(ExitStatus.PRODUCT_DEFECT)).isEqualTo(ExitStatus.RIG_FAULT);
        assertThat(ExitStatus.INTERRUPTED.worst(ExitStatus.CONFIGURATION_ERROR)).isEqualTo(ExitStatus.INTERRUPTED);
    }
}
