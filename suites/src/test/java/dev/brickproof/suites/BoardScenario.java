package dev.brickproof.suites;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.update.Provisioner;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictJudge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;

/**
 * Shared shape of board scenarios: each gets its own console transcript (attached to the test whatever the
 * result), every rig action is an Allure step, and failures say whether the product or the rig is at fault.
 */
public abstract class BoardScenario {
    private final List<Board> used = new ArrayList<>();
    private final List<Path> transcripts = new ArrayList<>();

    /**
     * Boards of the selected rig that declare a firmware profile (a rig-only board has nothing to update). No other
     * filter: the loader has already rejected a profile whose protocol has no update driver, so a board cannot
     * silently drop out of the update scenarios (see {@link BoardCoverage}).
     */
    protected static List<BoardResource> updatableBoards(Predicate<FirmwareProfile> filter) {
        return RigSession.description().boards().stream()
                .filter(b -> b.firmwareProfile().filter(filter).isPresent())
                .toList();
    }

    /** Opens the rig if needed and starts a transcript for this scenario. */
    protected Board board(String id, String scenario) {
        Board board = AllureRig.step("open board " + id + " of rig " + RigSession.description().name(),
                () -> RigSession.rig().board(id));
        Path transcript = RigSession.rig().runDir().resolve(id).resolve(scenario.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
        board.console().startTranscript(transcript);
        used.add(board);
        transcripts.add(transcript);
        return board;
    }

    /**
     * {@code -Dbrickproof.provision=rom}: provision emulated boards through the STM32 ROM bootloader (AN3155)
     * as on hardware, instead of programming the emulator's flash directly.
     */
    private static final boolean THROUGH_ROM = "rom".equals(System.getProperty("brickproof.provision", "direct"));

    protected static void provision(Board board, FirmwareImage bootloader, FirmwareImage app) {
        boolean rom = THROUGH_ROM || board.simulated().isEmpty();
        AllureRig.step("provision " + bootloader.label() + " + " + app.label()
                + (rom ? " through the ROM bootloader (AN3155)" : " (SWD-style, emulator)"), () -> {
            if (rom) {
                board.simulated().ifPresent(s -> s.disarmPowerCut());
                Provisioner.provisionThroughRom(board, List.of(bootloader, app));
            } else {
                Provisioner.provision(board, List.of(bootloader, app));
            }
        });
    }

    protected static Verdict judge(Board board, FirmwareProfile fw, List<FirmwareImage> apps) {
        Verdict verdict = AllureRig.step("decide the verdict (banner within "
                + board.resource().timing().bootTimeout().toMillis() + " ms, flash read back)",
                () -> new VerdictJudge(board).judge(fw.appBanner(), apps, board.resource().timing().bootTimeout()));
        AllureRig.attachVerdict(verdict);
        return verdict;
    }

    /** A RIG_FAULT verdict aborts the scenario as broken (not failed): it says nothing about the firmware. */
    protected static void requireNoRigFault(Verdict verdict) {
        if (verdict.kind() == Verdict.Kind.RIG_FAULT) {
            throw new RigException("RIG FAULT: " + verdict.detail());
        }
    }

    protected static AssertionError productDefect(String expectation, Verdict verdict) {
        return new AssertionError("PRODUCT DEFECT: expected " + expectation + ", got " + verdict);
    }

    protected static String expectation(Outcome outcome, String oldVersion, String newVersion) {
        return switch (outcome) {
            case OLD_BOOTS -> "OLD_BOOTS (v" + oldVersion + ")";
            case NEW_BOOTS -> "NEW_BOOTS (v" + newVersion + ")";
            case RESUMES -> "RESUMES (then v" + newVersion + ")";
            default -> outcome.name();
        };
    }

    /**
     * Attaches the console transcripts of the boards this test used. Called in the test's own {@code finally}
     * (attachments made in an {@code @AfterMethod} would land on the fixture, not on the test).
     */
    protected void attachTranscripts() {
        for (int i = 0; i < used.size(); i++) {
            AllureRig.attachTranscript("console " + used.get(i).id(), transcripts.get(i));
        }
    }

    @AfterMethod(alwaysRun = true)
    public void makeSafe(ITestResult result) {
        for (Board board : used) {
            try {
                board.simulated().ifPresent(s -> s.disarmPowerCut());
                board.toSafeState();
            } catch (RuntimeException e) {
                result.setThrowable(result.getThrowable() == null ? e : result.getThrowable());
            }
        }
        used.clear();
        transcripts.clear();
    }
}
