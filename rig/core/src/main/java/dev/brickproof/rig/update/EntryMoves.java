package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.resource.FirmwareProfile.UpdateEntry;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;

/**
 * How the configurable drivers ({@code xmodem}, {@code raw}, {@code script}) get a board into its bootloader,
 * from the rig file's {@code updateEntry}: {@code key-at-reset} holds the update key through a reset pulse
 * (released by {@link #leave}), {@code app-command} / {@code app-download} send {@code entryCommand} to the
 * running application, {@code bootloader-menu} goes through the board strategy's IAP state.
 */
final class EntryMoves {
    private EntryMoves() { }

    /**
     * What {@link UpdateDriver#update} does before {@link UpdateDriver#resume}: from the running application,
     * send {@code entryCommand} ({@code app-command}, {@code app-download}); or bring the board to the
     * bootloader's menu ({@code bootloader-menu}). The strategy no longer knows the state afterwards.
     */
    static void fromRunningApplication(Board board, BoardStrategy strategy) {
        UpdateEntry entry = board.firmware().updateEntry();
        if (entry == UpdateEntry.APP_COMMAND || entry == UpdateEntry.APP_DOWNLOAD) {
            strategy.transition(BoardState.APP_RUNNING);
            strategy.invalidate();
            if (board.firmware().entryCommand() != null) {
                board.console().skipPending();
                board.console().send("\r" + board.firmware().entryCommand());
            }
        } else if (entry == UpdateEntry.BOOTLOADER_MENU) {
            strategy.transition(BoardState.IAP_BOOTLOADER);
        } else {
            strategy.invalidate();
        }
    }

    /**
     * What {@link UpdateDriver#resume} does first: for {@code key-at-reset}, hold the update key through a reset
     * pulse (a bootloader entered by key is entered the same way after a power cut); nothing otherwise.
     */
    static void enter(Board board) {
        if (byKey(board)) {
            board.console().skipPending();
            board.bootMode().pressUpdateKey();
            board.reset().pulse();
        }
    }

    /** Releases the update key when {@link #enter} pressed it. */
    static void leave(Board board) {
        if (board.firmware().updateEntry() == UpdateEntry.KEY_AT_RESET) {
            board.bootMode().selectNormalBoot();
        }
    }

    static boolean byKey(Board board) {
        return board.firmware().updateEntry() == UpdateEntry.KEY_AT_RESET;
    }
}
