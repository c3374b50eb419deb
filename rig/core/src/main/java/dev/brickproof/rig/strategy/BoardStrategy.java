package dev.brickproof.rig.strategy;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.BoardStateException;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.driver.ConsoleMatch;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.FirmwareProfile.UpdateEntry;
import dev.brickproof.rig.wait.ConsoleLineWait;
import dev.brickproof.rig.wait.Wait;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Moves one board between {@link BoardState}s (labgrid's strategy): {@link #transition} does nothing when
 * the board is already there, {@link #force} acts regardless. Each step has one bounded wait (the board's
 * boot timeout). After the first failure the strategy stays failed and every later call rethrows with the
 * original cause; start a new strategy for the next scenario.
 */
public final class BoardStrategy {
    private final Board board;
    private BoardState state = BoardState.UNKNOWN;
    private RuntimeException failure;
    private ConsoleMatch lastBanner;

    public BoardStrategy(Board board) {
        this.board = board;
    }

    public BoardState state() {
        return state;
    }

    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /** The application banner seen by the last transition to {@link BoardState#APP_RUNNING}. */
    public Optional<ConsoleMatch> lastBanner() {
        return Optional.ofNullable(lastBanner);
    }

    /** Brings the board to {@code target} unless it is already there. */
    public void transition(BoardState target) {
        checkNotFailed(target);
        if (state == target) {
            return;
        }
        run(target);
    }

    /** Brings the board to {@code target} even if the strategy believes it is there already. */
    public void force(BoardState target) {
        checkNotFailed(target);
        run(target);
    }

    /** Records an out-of-band change (a deliberate power cut): the next transition acts again. */
    public void invalidate() {
        state = BoardState.UNKNOWN;
    }

    private void checkNotFailed(BoardState target) {
        if (failure != null) {
            throw new BoardStateException("board " + board.id() + " cannot go to " + target
                    + ": its strategy failed earlier: " + failure.getMessage(), failure);
        }
    }

    private void run(BoardState target) {
        try {
            switch (target) {
                case OFF -> off();
                case APP_RUNNING -> app();
                case IAP_BOOTLOADER -> iap();
                case ROM_BOOTLOADER -> rom();
                case UNKNOWN -> throw new IllegalArgumentException("UNKNOWN is not a target state");
                default -> throw new IllegalStateException(target.name());
            }
            state = target;
        } catch (RuntimeException e) {
            failure = e;
            state = BoardState.UNKNOWN;
            throw e instanceof RigException ? e : new BoardStateException("board " + board.id()
                    + " failed to reach " + target + ": " + e.getMessage(), e);
        }
    }

    private void off() {
        board.bootMode().selectNormalBoot();
        board.reset().release();
        board.power().off();
    }

    /** Power on if off (the board boots), otherwise pulse NRST; old console lines are dropped first. */
    private void restart() {
        board.console().skipPending();
        if (!board.power().isOn()) {
            board.reset().release();
            board.power().on();
        } else {
            board.reset().pulse();
        }
    }

    private void app() {
        FirmwareProfile fw = board.firmware();
        board.bootMode().selectNormalBoot();
        restart();
        lastBanner = awaitLine(fw.appBanner());
    }

    private void iap() {
        FirmwareProfile fw = board.firmware();
        UpdateEntry entry = fw.updateEntry();
        switch (entry) {
            case KEY_AT_RESET -> {
                board.bootMode().pressUpdateKey();
                restart();
                awaitLine(fw.bootBanner());
                board.bootMode().selectNormalBoot();
            }
            case APP_COMMAND -> {
                if (state != BoardState.APP_RUNNING) {
                    app();
                }
                board.console().skipPending();
                // a lone CR first ends any partial line the application holds (line noise, bytes of an
                // abandoned transfer), so that the command is read on a line of its own
                board.console().send("\r" + fw.entryCommand());
                awaitLine(fw.bootBanner());
            }
            case BOOTLOADER_MENU -> {
                board.bootMode().selectNormalBoot();
                restart();
                awaitLine(fw.bootBanner());
            }
            case APP_DOWNLOAD -> throw new BoardStateException("design " + fw.design() + " has no host-driven IAP"
                    + " bootloader state: the application downloads the image itself; drive it in APP_RUNNING");
            default -> throw new IllegalStateException(entry.name());
        }
    }

    private void rom() {
        board.bootMode().selectRomBootloader();
        restart();
        // the ROM bootloader prints nothing: the AN3155 client's 0x7F sync is the readiness check
    }

    private ConsoleMatch awaitLine(Pattern pattern) {
        ConsoleLineWait wait = Wait.forConsoleLine(pattern).withTimeout(board.resource().timing().bootTimeout());
        return board.waitFor(wait).match().orElseThrow();
    }
}
