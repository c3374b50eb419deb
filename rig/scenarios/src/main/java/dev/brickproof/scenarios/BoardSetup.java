package dev.brickproof.scenarios;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.Provisioner;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictJudge;
import java.util.List;

/** The steps every board scenario shares: provision, boot v1, judge. */
final class BoardSetup {
    private BoardSetup() { }

    /** Emulated boards directly (SWD-style) unless {@code throughRom}; hardware always through the ROM loader. */
    static void provision(Board board, FirmwareImage bootloader, FirmwareImage app, boolean throughRom,
                          ScenarioSteps steps) {
        boolean rom = throughRom || board.simulated().isEmpty();
        steps.step("provision " + bootloader.label() + " + " + app.label()
                + (rom ? " through the ROM bootloader (AN3155)" : " (SWD-style, emulator)"), () -> {
            if (rom) {
                board.simulated().ifPresent(s -> s.disarmPowerCut());
                Provisioner.provisionThroughRom(board, List.of(bootloader, app));
            } else {
                Provisioner.provision(board, List.of(bootloader, app));
            }
        });
    }

    /** Provisions, powers on and waits for v1's banner; returns the strategy, now in APP_RUNNING. */
    static BoardStrategy startAtV1(Board board, FirmwareImage bootloader, boolean throughRom, ScenarioSteps steps) {
        FirmwareImage v1 = board.firmware().app();
        BoardStrategy strategy = board.newStrategy();
        provision(board, bootloader, v1, throughRom, steps);
        steps.step("power on, expect the v" + v1.version() + " banner", () -> strategy.transition(BoardState.APP_RUNNING));
        return strategy;
    }

    static Verdict judge(Board board, ScenarioSteps steps) {
        return judge(board, steps, "verdict");
    }

    /** The verdict, attached as {@code attachment}. */
    static Verdict judge(Board board, ScenarioSteps steps, String attachment) {
        FirmwareProfile fw = board.firmware();
        Verdict verdict = steps.step("decide the verdict (banner within "
                + board.resource().timing().bootTimeout().toMillis() + " ms, flash read back)",
                () -> new VerdictJudge(board).judge(fw.appBanner(), List.of(fw.app(), fw.update()),
                        board.resource().timing().bootTimeout()));
        steps.attach(attachment, "text/plain", verdict.toString(), ".txt");
        return verdict;
    }

    static String flashMap(Board board, List<FirmwareImage> images, ScenarioSteps steps) {
        String map = FlashMap.of(board, board.firmware().layout(), images);
        steps.attach("flash map " + board.id(), "text/plain", map, ".txt");
        return map;
    }
}
