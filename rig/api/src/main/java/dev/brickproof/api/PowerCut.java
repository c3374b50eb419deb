package dev.brickproof.api;

import java.util.Objects;

/**
 * When the emulator should cut power by itself, so cuts land at an exact point that a relay cannot hit.
 * Flash operations are counted from the moment the cut is armed (0 = the next one to start), across
 * erase and program operations of the flash controller, including ROM-bootloader writes.
 *
 * @param trigger what the cut is anchored to
 * @param count   instruction count, flash-operation index or nanoseconds, depending on the trigger
 * @param fraction for {@link Trigger#DURING_FLASH_OP}: how far into the operation (0..1) power drops
 */
public record PowerCut(Trigger trigger, long count, double fraction) {

    public enum Trigger {
        /** After {@code count} more instructions have executed. */
        AT_INSTRUCTION,
        /** Just before flash operation number {@code count} starts: the cell is untouched. */
        BEFORE_FLASH_OP,
        /** Right after flash operation number {@code count} completed. */
        AFTER_FLASH_OP,
        /** In the middle of flash operation number {@code count}: the erase or program is torn. */
        DURING_FLASH_OP,
        /**
         * {@code count} nanoseconds of board time after arming, wherever the board is: what a relay opened at that
         * moment does (a flash operation in progress is torn by the fraction it had done).
         */
        AFTER_TIME
    }

    public PowerCut {
        Objects.requireNonNull(trigger, "trigger");
        if (count < 0) {
            throw new IllegalArgumentException("power-cut count must be >= 0, got " + count);
        }
        if (fraction < 0.0 || fraction > 1.0) {
            throw new IllegalArgumentException("power-cut fraction must be within 0..1, got " + fraction);
        }
    }

    public static PowerCut atInstruction(long instructions) {
        return new PowerCut(Trigger.AT_INSTRUCTION, instructions, 0);
    }

    public static PowerCut beforeFlashOp(long index) {
        return new PowerCut(Trigger.BEFORE_FLASH_OP, index, 0);
    }

    public static PowerCut afterFlashOp(long index) {
        return new PowerCut(Trigger.AFTER_FLASH_OP, index, 0);
    }

    /** Power drops {@code after} from now, in board time (a relay timed from the start of an update). */
    public static PowerCut afterTime(java.time.Duration after) {
        return new PowerCut(Trigger.AFTER_TIME, after.toNanos(), 0);
    }

    public static PowerCut duringFlashOp(long index, double fraction) {
        return new PowerCut(Trigger.DURING_FLASH_OP, index, fraction);
    }
}
