package dev.brickproof.rig.protocol.tobudos.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The order in which an in-place rebuild writes the new blocks (TobudOS {@code topo_sorting.c}, our code): a
 * block may be overwritten once every other new block that reads its old content has been rebuilt. Kahn's
 * algorithm, lowest block index first among the ready ones; when none is ready the dependencies form a cycle,
 * which is broken by stashing the lowest unwritten block's old content before it is overwritten (the later
 * readers then read the stash).
 */
record RebuildOrder(List<Step> steps, int stashSlots) {

    /** Rebuild {@code block}; {@code stashSlot} is where its old content is saved first, or NO_STASH. */
    record Step(int block, int stashSlot) {
    }

    static RebuildOrder of(List<BlockCommands> blocks) {
        int n = blocks.size();
        List<List<Integer>> readersOf = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            readersOf.add(new ArrayList<>());
        }
        for (BlockCommands c : blocks) {
            Set<Integer> reads = c.reads();
            for (int old : reads) {
                if (old < n) {
                    readersOf.get(old).add(c.index());
                }
            }
        }
        boolean[] done = new boolean[n];
        List<Step> steps = new ArrayList<>();
        int slots = 0;
        for (int k = 0; k < n; k++) {
            int pick = -1;
            for (int b = 0; b < n && pick < 0; b++) {
                if (!done[b] && readersOf.get(b).stream().allMatch(r -> done[r])) {
                    pick = b;
                }
            }
            int slot = PatchFormat.NO_STASH;
            if (pick < 0) {
                for (int b = 0; b < n && pick < 0; b++) {
                    if (!done[b]) {
                        pick = b;
                    }
                }
                slot = slots++;
            }
            done[pick] = true;
            steps.add(new Step(pick, slot));
        }
        return new RebuildOrder(steps, slots);
    }
}
