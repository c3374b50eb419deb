package dev.brickproof.testng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.scenarios.ForensicsResult;
import dev.brickproof.scenarios.Recovery;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

/** How a forensics result decides a test that is otherwise green: recovered with a dump, or not. */
public class RecoverabilityTest {
    private static final Verdict BRICKED = Verdict.bricked("no banner");

    private static ForensicsResult result(Optional<String> dumpProblem, Recovery recovery) {
        return new ForensicsResult(BRICKED, dumpProblem.isPresent() ? Optional.empty()
                : Optional.of(Path.of("x-flash.bin")), "", dumpProblem, List.of(), "", "", recovery);
    }

    @Test
    public void aRecoveredBoardWithItsDumpPasses() {
        Recovery yes = new Recovery(true, Optional.of(Verdict.booted("1.0", "ok")), Optional.empty(), "ok");
        Recoverability.require(result(Optional.empty(), yes));
        Recoverability.require(Optional.empty());
        assertThat(yes.line()).isEqualTo("recoverable through the ROM bootloader: yes");
    }

    @Test
    public void aBoardTheRomBootloaderRefusedIsAProductDefect() {
        Recovery no = new Recovery(false, Optional.empty(), Optional.of(ExitStatus.PRODUCT_DEFECT), "NACKed Erase");
        assertThatThrownBy(() -> Recoverability.require(result(Optional.empty(), no)))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("PRODUCT DEFECT: after BRICKED")
                .hasMessageContaining("recoverable through the ROM bootloader: no");
    }

    @Test
    public void aRomBootloaderThatDidNotAnswerIsARigFault() {
        Recovery no = new Recovery(false, Optional.empty(), Optional.of(ExitStatus.RIG_FAULT), "no 0x7F answer");
        assertThatThrownBy(() -> Recoverability.require(result(Optional.empty(), no)))
                .isInstanceOf(RigException.class).hasMessageStartingWith("RIG FAULT: recoverable through the ROM"
                        + " bootloader: no (RIG FAULT: no 0x7F answer)");
    }

    @Test
    public void aRecoveredBoardWithoutADumpIsARigFault() {
        Recovery yes = new Recovery(true, Optional.of(Verdict.booted("1.0", "ok")), Optional.empty(), "ok");
        assertThatThrownBy(() -> Recoverability.require(result(Optional.of("read timed out"), yes)))
                .isInstanceOf(RigException.class).hasMessageContaining("no flash dump").hasMessageContaining(
                        "read timed out");
    }
}
