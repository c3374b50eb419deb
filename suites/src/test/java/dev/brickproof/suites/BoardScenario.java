package dev.brickproof.suites;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.update.Provisioner;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.testng.AllureSteps;
import dev.brickproof.testng.BoardSelection;
import dev.brickproof.testng.ParallelBoards;
import dev.brickproof.testng.RigSession;
import dev.brickproof.testng.Transcripts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.testng.ITestContext;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeClass;

/**
 * Shared shape of board scenarios: each gets its own console transcript (attached to the test whatever the
 * result), every rig action is an Allure step, and failures say whether the product or the rig is at fault.
 * The procedures themselves are the scenario library's (dev.brickproof.scenarios).
 */
public abstract class BoardScenario {
    protected final AllureSteps steps = new AllureSteps();
    /**
     * {@code -Dbrickproof.provision=rom}: provision emulated boards through the STM32 ROM bootloader (AN3155)
     * as on hardware, instead of programming the emulator's flash directly.
     */
    protected final boolean throughRom = "rom".equals(System.getProperty("brickproof.provision", "direct"));
    private final List<Board> used = new ArrayList<>();
    private final List<Path> transcripts = new ArrayList<>();
    protected RigSession session;
    /** The one board this instance runs (one instance per board, see {@link #perBoard}); null: every board. */
    private final String onlyBoard;

    protected BoardScenario() {
        this(null);
    }

    protected BoardScenario(String onlyBoard) {
        this.onlyBoard = onlyBoard;
    }

    /**
     * One instance per selected board with firmware, for the scenario classes' {@code @Factory}: with
     * {@code parallel="instances"} ({@link ParallelBoards}) each board runs on its own thread, its rows in order.
     */
    protected static Object[] perBoard(ITestContext context, Function<String, BoardScenario> instance) {
        return updatableBoards(RigSession.of(context), f -> true).stream().map(b -> instance.apply(b.id()))
                .toArray();
    }

    /** Whether this instance runs rows of {@code boardId}. */
    protected boolean runs(String boardId) {
        return onlyBoard == null || onlyBoard.equals(boardId);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + (onlyBoard == null ? "" : "[" + onlyBoard + "]");
    }

    @BeforeClass(alwaysRun = true)
    public void joinSession(ITestContext context) {
        session = RigSession.of(context);
    }

    /**
     * Boards of the suite's rig that declare a firmware profile (a rig-only board has nothing to update). No other
     * filter: the loader has already rejected a profile whose protocol has no update driver, so a board cannot
     * silently drop out of the update scenarios (see {@link BoardCoverage}). {@code -Dbrickproof.boards=id,id}
     * ({@link BoardSelection}) keeps only the named boards.
     */
    protected static List<BoardResource> updatableBoards(RigSession session, Predicate<FirmwareProfile> filter) {
        return BoardSelection.fromSystemProperty().of(session.description()).stream()
                .filter(b -> b.firmwareProfile().filter(filter).isPresent())
                .toList();
    }

    /** Opens the rig if needed and starts a transcript for this scenario. */
    protected Board board(String id, String scenario) {
        session.healthProblem(id).ifPresent(problem -> {
            throw new org.testng.SkipException("RIG FAULT: " + problem);
        });
        Board board = steps.step("open board " + id + " of rig " + session.description().name(),
                () -> session.rig().board(id));
        Path transcript = session.rig().runDir().resolve(id).resolve(scenario.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
        board.console().startTranscript(transcript);
        used.add(board);
        transcripts.add(transcript);
        return board;
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

    /**
     * Attaches the console transcripts of the boards this test used. Called in the test's own {@code finally}
     * (attachments made in an {@code @AfterMethod} would land on the fixture, not on the test).
     */
    protected void attachTranscripts() {
        for (int i = 0; i < used.size(); i++) {
            Transcripts.attach("console " + used.get(i).id(), transcripts.get(i));
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
