package dev.brickproof.rig.update;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.resource.Region;
import dev.brickproof.rig.resource.UpdatePhase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sorts the flash operations of a clean update into the phases of fixtures/firmware/README.md
 * ("Expected-outcome vocabulary"), so that a cut "in phase P" lands where the manifests' expectedOutcome
 * tables were established: just before the middle operation of P, and for {@code transfer} one third into
 * the programming of the image.
 */
public final class UpdatePhases {
    private final Map<UpdatePhase, List<Integer>> phases;

    private UpdatePhases(Map<UpdatePhase, List<Integer>> phases) {
        this.phases = phases;
    }

    /**
     * Classifies {@code ops} (in order, from the start of the update) for a design.
     *
     * @param design  D1, D3, D5, YMODEM ...
     * @param variant the bootloader variant (YMODEM "robust" programs its first app page last: commit)
     */
    public static UpdatePhases of(String design, String variant, FlashLayout layout, List<FlashOperation> ops) {
        Map<UpdatePhase, List<Integer>> out = new EnumMap<>(UpdatePhase.class);
        Region app = layout.region("app").orElseThrow(() -> new IllegalArgumentException("layout has no 'app' region"));
        Optional<Region> flag = layout.region("flag");
        Optional<Region> download = layout.region("appbak").or(() -> layout.region("ota"));
        Optional<Region> kv = layout.region("kv");
        if (kv.isPresent() && download.isPresent()) {
            return new UpdatePhases(kvLog(app, download.get(), kv.get(), ops));
        }
        int firstPageEnd = app.start() + pageAfter(app.start(), ops);
        boolean appTouched = false;
        for (int i = 0; i < ops.size(); i++) {
            FlashOperation op = ops.get(i);
            boolean erase = op.kind() != FlashOperation.Kind.PROGRAM;
            UpdatePhase phase = null;
            if (download.isPresent() && download.get().contains(op.address())) {
                phase = erase ? UpdatePhase.ERASE : UpdatePhase.PROGRAM;
            } else if (flag.isPresent() && flag.get().contains(op.address())) {
                if (design.equals("D1")) {
                    // D1: the app erases the flag page (flag-write); the bootloader's 0x0000 after the image is the
                    // commit; an as-designed 0x0000 before any image write is neither
                    phase = erase ? UpdatePhase.FLAG_WRITE : appTouched ? UpdatePhase.COMMIT : null;
                } else {
                    phase = appTouched ? UpdatePhase.COMMIT : UpdatePhase.FLAG_WRITE;
                }
            } else if (app.contains(op.address())) {
                if (download.isPresent()) {
                    phase = UpdatePhase.APPLY;
                } else if (erase) {
                    phase = UpdatePhase.ERASE;
                } else if ((design.equals("D3") || design.equals("YMODEM") && variant.equals("robust"))
                        && op.address() < firstPageEnd) {
                    phase = UpdatePhase.COMMIT;     // the vector page, programmed last
                } else {
                    phase = UpdatePhase.PROGRAM;
                }
                appTouched = true;
            }
            if (phase != null) {
                out.computeIfAbsent(phase, p -> new ArrayList<>()).add(i);
            }
        }
        return new UpdatePhases(out);
    }

    /**
     * D4 (TobudOS-style, a KV log instead of a flag): the application erases and programs the OTA partition
     * (erase, program), then appends {@code NEW_VERSION}, the first KV write after the download (flag-write);
     * the bootloader copies into the app partition (apply) and records {@code CUR_VERSION} / {@code NEW_DELETED}
     * after its last write to it (commit). The ping-pong backup copy and the KV progress records in between are
     * not cut points.
     */
    private static Map<UpdatePhase, List<Integer>> kvLog(Region app, Region download, Region kv,
                                                          List<FlashOperation> ops) {
        int lastDownload = -1;
        int lastApply = -1;
        for (int i = 0; i < ops.size(); i++) {
            if (download.contains(ops.get(i).address())) {
                lastDownload = i;
            } else if (app.contains(ops.get(i).address())) {
                lastApply = i;
            }
        }
        Map<UpdatePhase, List<Integer>> out = new EnumMap<>(UpdatePhase.class);
        boolean flagWritten = false;
        for (int i = 0; i < ops.size(); i++) {
            FlashOperation op = ops.get(i);
            UpdatePhase phase = null;
            if (download.contains(op.address())) {
                phase = op.kind() == FlashOperation.Kind.PROGRAM ? UpdatePhase.PROGRAM : UpdatePhase.ERASE;
            } else if (app.contains(op.address())) {
                phase = UpdatePhase.APPLY;
            } else if (kv.contains(op.address()) && i > lastDownload && lastDownload >= 0 && !flagWritten) {
                phase = UpdatePhase.FLAG_WRITE;
                flagWritten = true;
            } else if (kv.contains(op.address()) && i > lastApply && lastApply >= 0) {
                phase = UpdatePhase.COMMIT;
            }
            if (phase != null) {
                out.computeIfAbsent(phase, p -> new ArrayList<>()).add(i);
            }
        }
        return out;
    }

    private static int pageAfter(int address, List<FlashOperation> ops) {
        return ops.stream().filter(o -> o.kind() == FlashOperation.Kind.PAGE_ERASE).mapToInt(FlashOperation::length)
                .findFirst().orElse(1024);
    }

    /** Indexes of the operations of {@code phase}, empty when the update has no such phase. */
    public List<Integer> operations(UpdatePhase phase) {
        return phases.getOrDefault(phase, List.of());
    }

    /**
     * The operation to cut before: the middle operation of the phase, or for {@code transfer} the operation one
     * third into the image's programming. Empty when the phase does not occur.
     */
    public Optional<Integer> cutIndex(UpdatePhase phase) {
        List<Integer> in = operations(phase == UpdatePhase.TRANSFER ? UpdatePhase.PROGRAM : phase);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(phase == UpdatePhase.TRANSFER ? in.get(in.size() / 3) : in.get(in.size() / 2));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        phases.forEach((p, ops) -> sb.append(p.key()).append(": ").append(ops.size()).append(" ops (")
                .append(ops.get(0)).append("..").append(ops.get(ops.size() - 1)).append(") "));
        return sb.toString().trim();
    }
}
