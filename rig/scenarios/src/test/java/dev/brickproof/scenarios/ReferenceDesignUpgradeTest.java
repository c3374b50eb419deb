package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.verdict.Verdict;
import java.nio.file.Files;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Every reference bootloader (and variant) takes v1.0 to v2.0 through its design's own update path, the rig's
 * {@link UpgradeScenario} in lockstep, with no fault injected: v2.0 boots and its flash is the v2.0 image.
 */
public class ReferenceDesignUpgradeTest {

    @DataProvider(parallel = true)
    public Object[][] bootloaders() {
        return ReferenceDesigns.seedBootloaders().stream().map(b -> new Object[] {b}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "bootloaders")
    public void updateFromV1ToV2BootsV2FromFlashIdenticalToV2(ReferenceDesigns.Bootloader boot) throws Exception {
        try (Rig rig = boot.open()) {
            Board board = rig.board(boot.board());
            UpgradeResult r = new UpgradeScenario(board, ScenarioSteps.NONE).withBootloader(boot.image()).run();
            assertThat(r.before()).as("%s ran v1.0 before the update", boot).isEqualTo("1.0");
            assertThat(r.verdict().kind()).as("%s: %s", boot, r.verdict()).isEqualTo(Verdict.Kind.BOOTED);
            assertThat(r.verdict().version()).isEqualTo("2.0");
            assertThat(r.promiseKept()).isTrue();
            FirmwareImage v2 = board.firmware().update();
            assertThat(board.flashReader().orElseThrow().read(v2.loadAddress(), v2.size()))
                    .as("%s: app flash after the update", boot).isEqualTo(Files.readAllBytes(v2.file()));
        }
    }
}
