package dev.brickproof.emulator.soc;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.PowerCut;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Counts and records every flash operation (firmware- or ROM-driven) and decides, from the armed
 * {@link PowerCut}, whether power drops before, during or after it. Index = running count since the board
 * object was created; a cut armed when the counter stood at {@code b} with {@code count = n} hits index b+n.
 *
 * <p>The log keeps the most recent operations only (at least {@link #RETAINED}, at most twice that): a
 * board that is power-cycled and re-provisioned for thousands of cuts must not grow with every cut. The
 * index counter is not affected.
 *
 * <p>Every indeterminate choice (which bits a torn operation leaves) comes from
 * {@link #random(long)}, a generator seeded from the board seed and the operation index only, so a torn
 * operation replays bit for bit no matter what ran before it.
 */
public final class FlashLedger {

    /** What happens to the operation about to start. */
    public enum Fate { NORMAL, CUT_BEFORE, TEAR, CUT_AFTER }

    /** Decision for one operation. */
    public record Plan(long index, Fate fate, double fraction) { }

    /** Called when a power cut must happen at a virtual time (ps). */
    public interface CutSink {
        void cutAt(long ps, String why);
    }

    /** Operations the log keeps at least; older ones are dropped in blocks of this size. */
    public static final int RETAINED = 4096;

    private final long seed;
    private final List<Consumer<FlashOperation>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private CutSink cutSink = (ps, why) -> { };
    private State s = new State();

    private static final class State implements Cloneable {
        long next;
        PowerCut armed;
        long armedBase;
        ArrayList<FlashOperation> log = new ArrayList<>();

        State copy() {
            try {
                State c = (State) super.clone();
                c.log = new ArrayList<>(log);
                return c;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public FlashLedger(long seed) {
        this.seed = seed;
    }

    public void setCutSink(CutSink sink) {
        this.cutSink = sink;
    }

    public void addListener(Consumer<FlashOperation> listener) {
        listeners.add(listener);
    }

    /** Arms a flash-anchored cut (or clears it with null). Instruction cuts are the board's. */
    public void arm(PowerCut cut) {
        s.armed = cut;
        s.armedBase = s.next;
    }

    public PowerCut armed() {
        return s.armed;
    }

    /** Reserves the next index and says what the armed cut wants for it. A matching cut is consumed. */
    public Plan begin() {
        long index = s.next++;
        PowerCut cut = s.armed;
        if (cut != null && cut.trigger() != PowerCut.Trigger.AT_INSTRUCTION && index == s.armedBase + cut.count()) {
            s.armed = null;
            return switch (cut.trigger()) {
                case BEFORE_FLASH_OP -> new Plan(index, Fate.CUT_BEFORE, 0);
                case DURING_FLASH_OP -> new Plan(index, Fate.TEAR, cut.fraction());
                case AFTER_FLASH_OP -> new Plan(index, Fate.CUT_AFTER, 1);
                default -> throw new AssertionError(cut);
            };
        }
        return new Plan(index, Fate.NORMAL, 1);
    }

    public void record(FlashOperation op) {
        if (s.log.size() >= 2 * RETAINED) {
            s.log.subList(0, RETAINED).clear();
        }
        s.log.add(op);
        for (Consumer<FlashOperation> l : listeners) {
            l.accept(op);
        }
    }

    /** An operation reported as completed was torn after all (power removed while it was still busy). */
    public void markTorn(long index, java.time.Duration after) {
        for (int i = s.log.size() - 1; i >= 0; i--) {
            FlashOperation op = s.log.get(i);
            if (op.index() == index) {
                FlashOperation torn = new FlashOperation(index, op.kind(), op.address(), op.length(), after,
                        FlashOperation.Outcome.TORN);
                s.log.set(i, torn);
                for (Consumer<FlashOperation> l : listeners) {
                    l.accept(torn);
                }
                return;
            }
        }
    }

    public void cutAt(long ps, String why) {
        cutSink.cutAt(ps, why);
    }

    /** The seeded generator for the indeterminate bits of operation {@code index}. */
    public SplittableRandom random(long index) {
        return new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + index * 0xBF58_476D_1CE4_E5B9L + 0x94D0_49BB_1331_11EBL);
    }

    /** The most recent operations, oldest first (see {@link #RETAINED}). */
    public List<FlashOperation> operations() {
        return List.copyOf(s.log);
    }

    public Object saveState() {
        return s.copy();
    }

    public void restoreState(Object state) {
        s = ((State) state).copy();
    }
}
