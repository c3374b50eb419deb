package dev.brickproof.suites;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.RejectKind;
import dev.brickproof.scenarios.RejectedImageResult;
import dev.brickproof.scenarios.RejectedImageScenario;
import dev.brickproof.testng.Recoverability;
import dev.brickproof.testng.RigSession;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testng.ITestContext;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * An update with a bad image (flipped byte, truncated, oversize, other chip, downgrade), one test per board,
 * bootloader variant and kind its manifest lists under {@code rejects:}: what boots afterwards, flash compared,
 * must be what the manifest says.
 */
@Epic("Updates")
@Feature("Rejected images")
public class RejectedImageScenarios extends BoardScenario {

    @DataProvider(name = "rejects")
    public Object[][] rejects(ITestContext context) {
        List<Object[]> rows = new ArrayList<>();
        for (BoardResource b : updatableBoards(RigSession.of(context), f -> true)) {
            for (FirmwareImage boot : PowerCutScenarios.bootloaders(b.firmwareProfile().orElseThrow())) {
                for (RejectKind kind : RejectKind.values()) {
                    if (boot.outcomeAfterReject(kind).isPresent()) {
                        rows.add(new Object[] {b.id(), b.chip().name(), boot.design(), boot.variant(), kind.key()});
                    }
                }
            }
        }
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "rejects", description = "update with a bad image: outcome as the bootloader manifest promises")
    public void rejectedImage(String board, String chip, String design, String variant, String kindKey) {
        try {
            steps.testName(kindKey + " image: " + design + " (" + variant + ") on " + board);
            Board b = board(board, "reject-" + variant + "-" + kindKey);
            FirmwareImage boot = PowerCutScenarios.bootloaders(b.firmware()).stream()
                    .filter(v -> v.variant().equals(variant)).findFirst().orElseThrow();
            RejectKind kind = RejectKind.fromKey(kindKey).orElseThrow();
            Outcome expected = boot.outcomeAfterReject(kind).orElseThrow();
            steps.label("story", expected == Outcome.OLD_BOOTS ? "the design refuses the bad image"
                    : "weak design: the manifest states what it really does");
            RejectedImageScenario scenario = new RejectedImageScenario(b, steps,
                    session.rig().runDir().resolve(board).resolve("bad-images"))
                    .withBootloader(boot).provisionThroughRom(throughRom);
            foreignApp(b).ifPresent(scenario::withForeignApp);
            RejectedImageResult r = scenario.run(kind);
            requireNoRigFault(r.verdict());
            if (!r.matches(expected)) {
                throw productDefect(expected + " after the " + kindKey + " image (" + r.how() + "; "
                        + r.refusal().map(s -> "refused: " + s).orElse("not refused by the driver's account") + ")",
                        r.verdict());
            }
            Recoverability.require(r.forensics());
        } finally {
            attachTranscripts();
        }
    }

    /** The update image of a board of the rig with another chip, if there is one. */
    private Optional<FirmwareImage> foreignApp(Board b) {
        return session.description().boards().stream().filter(o -> o.chip() != b.resource().chip())
                .flatMap(o -> o.firmwareProfile().stream()).map(FirmwareProfile::update).findFirst();
    }
}
