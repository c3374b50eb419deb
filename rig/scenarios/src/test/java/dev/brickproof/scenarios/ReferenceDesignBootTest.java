package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.Provisioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Every reference image boots on its lockstep board, provisioned by the rig's {@link Provisioner} and started by
 * the board's strategy, and prints the banner its manifest promises.
 */
public class ReferenceDesignBootTest {
    private static final Duration ANSWER = Duration.ofSeconds(1);

    @DataProvider(parallel = true)
    public Object[][] bootloaders() {
        return ReferenceDesigns.seedBootloaders().stream().map(b -> new Object[] {b}).toArray(Object[][]::new);
    }

    /** (board's own bootloader, app manifest) for v1.0, v2.0 and v3.0 of every seed design. */
    @DataProvider(parallel = true)
    public Object[][] apps() {
        List<Object[]> rows = new ArrayList<>();
        ReferenceDesigns.seedBootloaders().stream().filter(b -> b.image().equals(
                b.rig().board(b.board()).orElseThrow().firmwareProfile().orElseThrow().bootloader())).forEach(b -> {
                    String v2 = b.rig().board(b.board()).orElseThrow().firmwareProfile().orElseThrow().update()
                            .manifest().getFileName().toString();
                    for (String version : List.of("v1.0", "v2.0", "v3.0")) {
                        rows.add(new Object[] {b, v2.replace("v2.0", version)});
                    }
                });
        return rows.toArray(Object[][]::new);
    }

    private static boolean anyLineMatches(List<String> lines, Pattern p) {
        return lines.stream().anyMatch(l -> p.matcher(l).find());
    }

    @Test(dataProvider = "bootloaders")
    public void bootloaderPrintsItsBannerAndStartsTheV1App(ReferenceDesigns.Bootloader boot) {
        try (Rig rig = boot.open()) {
            Board board = rig.board(boot.board());
            FirmwareProfile fw = board.firmware();
            Provisioner.provision(board, List.of(boot.image(), fw.app()));
            BoardStrategy strategy = board.newStrategy();
            strategy.transition(BoardState.APP_RUNNING);
            List<String> lines = board.console().lastLines(50);
            assertThat(anyLineMatches(lines, boot.image().banner())).as("%s banner in %s", boot, lines).isTrue();
            assertThat(anyLineMatches(lines, fw.app().banner())).as("v1.0 banner in %s", lines).isTrue();
            board.console().send("version\r\n");
            board.console().expect(fw.app().banner(), board.clock().deadlineAfter(ANSWER, "the v1.0 banner again"));
        }
    }

    @Test(dataProvider = "apps")
    public void appBootsBehindTheRobustBootloaderAndAnswersVersion(ReferenceDesigns.Bootloader boot, String manifest) {
        try (Rig rig = boot.open()) {
            Board board = rig.board(boot.board());
            FirmwareImage app = new FirmwareManifests()
                    .load(board.firmware().update().manifest().resolveSibling(manifest));
            Provisioner.provision(board, List.of(boot.image(), app));
            board.power().on();
            board.console().expect(app.banner(), board.clock().deadlineAfter(Duration.ofSeconds(5), app.label()));
            board.console().send("bogus\r\n");
            board.console().expect(Pattern.compile("unknown command: bogus"),
                    board.clock().deadlineAfter(ANSWER, "the app's answer to an unknown command"));
            board.console().send("reboot\r\n");
            board.console().expect(Pattern.compile(" boot v1\\.0"),
                    board.clock().deadlineAfter(ANSWER, "the bootloader's banner after reboot"));
        }
    }
}
