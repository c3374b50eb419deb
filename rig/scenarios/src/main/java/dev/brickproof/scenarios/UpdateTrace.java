package dev.brickproof.scenarios;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.resource.UpdatePhase;
import dev.brickproof.rig.update.UpdatePhases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the dry run of one update recorded: every flash operation in order, the bytes each completed operation
 * left in flash, the whole main flash as it was when the update started, and how long the update took in
 * virtual time. From it, {@link #flashBefore(int)} gives the flash a {@code before:K} cut leaves behind
 * without running the update again (after a power cut only flash survives).
 */
public final class UpdateTrace {
    private final List<TracedOp> ops;
    private final List<byte[]> written;
    private final byte[] startFlash;
    private final int flashBase;
    private final Duration upgradeTime;
    private final long hostBytes;

    UpdateTrace(List<TracedOp> ops, List<byte[]> written, byte[] startFlash, int flashBase, Duration upgradeTime,
                long hostBytes) {
        this.ops = List.copyOf(ops);
        this.written = written;
        this.startFlash = startFlash;
        this.flashBase = flashBase;
        this.upgradeTime = upgradeTime;
        this.hostBytes = hostBytes;
    }

    /** Builds the trace: {@code written.get(i)} is what op i left at its address (null when refused). */
    static UpdateTrace of(String design, String variant, FlashLayout layout, int pageSize, List<FlashOperation> raw,
                          List<byte[]> written, List<Duration> offsets, byte[] startFlash, int flashBase,
                          Duration upgradeTime, long hostBytes) {
        return of(design, variant, layout, pageSize, raw, written, offsets, startFlash, flashBase, upgradeTime,
                hostBytes, true);
    }

    /** As above; with {@code updatePhases} false (a restore's operations) no operation is given an update phase. */
    static UpdateTrace of(String design, String variant, FlashLayout layout, int pageSize, List<FlashOperation> raw,
                          List<byte[]> written, List<Duration> offsets, byte[] startFlash, int flashBase,
                          Duration upgradeTime, long hostBytes, boolean updatePhases) {
        Map<Integer, UpdatePhase> phaseOf = new HashMap<>();
        UpdatePhases phases = updatePhases ? UpdatePhases.of(design, variant, layout, raw) : null;
        for (UpdatePhase p : UpdatePhase.values()) {
            if (phases != null && p != UpdatePhase.TRANSFER) {
                phases.operations(p).forEach(i -> phaseOf.put(i, p));
            }
        }
        List<TracedOp> ops = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            ops.add(new TracedOp(i, raw.get(i), Optional.ofNullable(phaseOf.get(i)), describe(raw.get(i), layout,
                    pageSize), offsets.get(i)));
        }
        return new UpdateTrace(ops, written, startFlash, flashBase, upgradeTime, hostBytes);
    }

    /** Bytes the host sent the board during the clean update (where {@code link:B} cuts can fall). */
    public long hostBytes() {
        return hostBytes;
    }

    /** "programming app page 3 of 8 (0x08003804, 2 bytes)", "erasing ota page 1 of 40". */
    static String describe(FlashOperation op, FlashLayout layout, int pageSize) {
        String verb = op.kind() == FlashOperation.Kind.PROGRAM ? "programming" : "erasing";
        String where = layout.inOrder().stream().filter(r -> r.contains(op.address())).findFirst()
                .map(r -> r.name() + " page " + ((op.address() - r.start()) / pageSize + 1) + " of "
                        + Math.max(1, r.size() / pageSize))
                .orElse("flash outside the layout");
        String outcome = op.outcome() == FlashOperation.Outcome.COMPLETED ? ""
                : ", refused: " + op.outcome().name().toLowerCase(Locale.ROOT);
        return verb + " " + where + String.format(" (0x%08X, %d bytes%s)", op.address(), op.length(), outcome);
    }

    public List<TracedOp> operations() {
        return ops;
    }

    public int size() {
        return ops.size();
    }

    public TracedOp operation(int position) {
        return ops.get(position);
    }

    /** Virtual time from the update command to the new application's banner. */
    public Duration upgradeTime() {
        return upgradeTime;
    }

    public int flashBase() {
        return flashBase;
    }

    /** Main flash when the update started. */
    public byte[] startFlash() {
        return startFlash.clone();
    }

    /** Main flash as a cut before operation {@code position} leaves it ({@code size()} = after the last). */
    public byte[] flashBefore(int position) {
        byte[] flash = startFlash.clone();
        applyUpTo(flash, 0, position);
        return flash;
    }

    /** Applies operations [from, to) to {@code flash}, which holds the flash before operation {@code from}. */
    public void applyUpTo(byte[] flash, int from, int to) {
        for (int i = from; i < to; i++) {
            byte[] w = written.get(i);
            if (w != null) {
                System.arraycopy(w, 0, flash, ops.get(i).operation().address() - flashBase, w.length);
            }
        }
    }

    /** Phase name and first/last operation of each phase, for reports. */
    public List<PhaseSpan> phaseSpans() {
        List<PhaseSpan> spans = new ArrayList<>();
        for (TracedOp op : ops) {
            String key = op.phaseKey();
            PhaseSpan last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && last.phase().equals(key)) {
                spans.set(spans.size() - 1, new PhaseSpan(key, last.first(), op.position()));
            } else {
                spans.add(new PhaseSpan(key, op.position(), op.position()));
            }
        }
        return spans;
    }

    /** A run of consecutive operations of one phase ("-" = none of the manifest's phases). */
    public record PhaseSpan(String phase, int first, int last) { }
}
