package dev.brickproof.rig.update;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.FlashOperation.Kind;
import dev.brickproof.api.FlashOperation.Outcome;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.resource.Region;
import dev.brickproof.rig.resource.UpdatePhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class UpdatePhasesTest {
    private static final FlashLayout D1 = layout(Map.of(
            "bootloader", new int[] {0x0800_0000, 0x0800_2800},
            "app", new int[] {0x0800_2800, 0x0800_F000},
            "flag", new int[] {0x0800_F000, 0x0800_F400}));

    private static FlashLayout layout(Map<String, int[]> regions) {
        Map<String, Region> map = new LinkedHashMap<>();
        regions.forEach((name, r) -> map.put(name, new Region(name, r[0], r[1])));
        return new FlashLayout(map);
    }

    private static List<FlashOperation> ops(Object... kindAddress) {
        List<FlashOperation> out = new ArrayList<>();
        for (int i = 0; i < kindAddress.length; i += 2) {
            Kind kind = (Kind) kindAddress[i];
            int address = (Integer) kindAddress[i + 1];
            out.add(new FlashOperation(out.size(), kind, address, kind == Kind.PROGRAM ? 2 : 1024, Duration.ZERO,
                    Outcome.COMPLETED));
        }
        return out;
    }

    @Test
    public void aRobustD1UpdateHasFlagWriteEraseProgramAndCommit() {
        List<FlashOperation> ops = ops(
                Kind.PAGE_ERASE, 0x0800_F000,                    // app: flag page erased = update wanted
                Kind.PAGE_ERASE, 0x0800_2800, Kind.PAGE_ERASE, 0x0800_2C00, Kind.PAGE_ERASE, 0x0800_3000,
                Kind.PROGRAM, 0x0800_2800, Kind.PROGRAM, 0x0800_2802, Kind.PROGRAM, 0x0800_2804,
                Kind.PROGRAM, 0x0800_2806, Kind.PROGRAM, 0x0800_2808, Kind.PROGRAM, 0x0800_280A,
                Kind.PROGRAM, 0x0800_F000);                      // bootloader: 0x0000 = done
        UpdatePhases phases = UpdatePhases.of("D1", "robust", D1, ops);
        assertThat(phases.operations(UpdatePhase.FLAG_WRITE)).containsExactly(0);
        assertThat(phases.operations(UpdatePhase.ERASE)).containsExactly(1, 2, 3);
        assertThat(phases.operations(UpdatePhase.COMMIT)).containsExactly(10);
        assertThat(phases.cutIndex(UpdatePhase.ERASE)).as("the middle erase").contains(2);
        assertThat(phases.cutIndex(UpdatePhase.PROGRAM)).as("the middle program").contains(7);
        assertThat(phases.cutIndex(UpdatePhase.TRANSFER)).as("a third into programming").contains(6);
        assertThat(phases.cutIndex(UpdatePhase.APPLY)).isEmpty();
    }

    @Test
    public void anAsDesignedD1FlagClearBeforeTheImageIsNoPhase() {
        List<FlashOperation> ops = ops(Kind.PAGE_ERASE, 0x0800_F000, Kind.PROGRAM, 0x0800_F000,
                Kind.PAGE_ERASE, 0x0800_2800, Kind.PROGRAM, 0x0800_2800);
        UpdatePhases phases = UpdatePhases.of("D1", "as-designed", D1, ops);
        assertThat(phases.operations(UpdatePhase.FLAG_WRITE)).containsExactly(0);
        assertThat(phases.operations(UpdatePhase.COMMIT)).isEmpty();
    }

    @Test
    public void aStagedDesignCopiesIntoTheAppRegionDuringApply() {
        FlashLayout d5 = layout(Map.of(
                "bootloader", new int[] {0x0800_0000, 0x0800_2C00},
                "flag", new int[] {0x0800_2C00, 0x0800_3000},
                "app", new int[] {0x0800_3000, 0x0800_9800},
                "appbak", new int[] {0x0800_9800, 0x0801_0000}));
        List<FlashOperation> ops = ops(
                Kind.PAGE_ERASE, 0x0800_9800, Kind.PROGRAM, 0x0800_9800,   // download into APPBAK
                Kind.PAGE_ERASE, 0x0800_2C00, Kind.PROGRAM, 0x0800_2C00,   // app writes FLAG
                Kind.PAGE_ERASE, 0x0800_3000, Kind.PROGRAM, 0x0800_3000,   // bootloader copies
                Kind.PAGE_ERASE, 0x0800_2C00);                             // bootloader clears FLAG
        UpdatePhases phases = UpdatePhases.of("D5", "robust", d5, ops);
        assertThat(phases.operations(UpdatePhase.ERASE)).containsExactly(0);
        assertThat(phases.operations(UpdatePhase.PROGRAM)).containsExactly(1);
        assertThat(phases.operations(UpdatePhase.FLAG_WRITE)).containsExactly(2, 3);
        assertThat(phases.operations(UpdatePhase.APPLY)).containsExactly(4, 5);
        assertThat(phases.operations(UpdatePhase.COMMIT)).containsExactly(6);
    }

    private static final FlashLayout D4_PP = layout(Map.of(
            "bootloader", new int[] {0x0800_0000, 0x0800_7800},
            "app", new int[] {0x0800_7800, 0x0801_9800},
            "backup", new int[] {0x0801_9800, 0x0802_B800},
            "ota", new int[] {0x0802_B800, 0x0803_D800},
            "kv", new int[] {0x0803_D800, 0x0803_F800},
            "table", new int[] {0x0803_F800, 0x0804_0000}));

    @Test
    public void aD4UpdateStagesIntoOtaRecordsNewVersionThenAppliesAndCommitsInTheKvLog() {
        List<FlashOperation> ops = ops(
                Kind.PAGE_ERASE, 0x0802_B800, Kind.PROGRAM, 0x0802_B800, Kind.PROGRAM, 0x0802_B808,  // app: OTA download
                Kind.PAGE_ERASE, 0x0802_C000, Kind.PROGRAM, 0x0802_C000,
                Kind.PROGRAM, 0x0803_D808,                                   // 5 app: NEW_VERSION
                Kind.PROGRAM, 0x0803_D810,                                   // 6 bootloader: APPLY_BEGIN
                Kind.PAGE_ERASE, 0x0801_9800, Kind.PROGRAM, 0x0801_9800,     // 7, 8 backup copy
                Kind.PROGRAM, 0x0803_D818,                                   // 9 BACKUP_PAGE 0
                Kind.PAGE_ERASE, 0x0800_7800, Kind.PROGRAM, 0x0800_7800,     // 10, 11 copy into the app
                Kind.PROGRAM, 0x0803_D820,                                   // 12 APPLY_PAGE 0
                Kind.PAGE_ERASE, 0x0800_8000, Kind.PROGRAM, 0x0800_8000,     // 13, 14
                Kind.PROGRAM, 0x0803_D828,                                   // 15 APPLY_PAGE 1
                Kind.PROGRAM, 0x0803_D830, Kind.PROGRAM, 0x0803_D838);       // 16, 17 CUR_VERSION, NEW_DELETED
        UpdatePhases phases = UpdatePhases.of("D4-PP", "robust", D4_PP, ops);
        assertThat(phases.operations(UpdatePhase.ERASE)).containsExactly(0, 3);
        assertThat(phases.operations(UpdatePhase.PROGRAM)).containsExactly(1, 2, 4);
        assertThat(phases.operations(UpdatePhase.FLAG_WRITE)).as("only the app's NEW_VERSION").containsExactly(5);
        assertThat(phases.operations(UpdatePhase.APPLY)).as("writes to the app partition only")
                .containsExactly(10, 11, 13, 14);
        assertThat(phases.operations(UpdatePhase.COMMIT)).as("KV records after the last app write")
                .containsExactly(15, 16, 17);
        assertThat(phases.cutIndex(UpdatePhase.FLAG_WRITE)).contains(5);
        assertThat(phases.cutIndex(UpdatePhase.APPLY)).contains(13);
        assertThat(phases.cutIndex(UpdatePhase.COMMIT)).as("before CUR_VERSION").contains(16);
    }

    @Test
    public void aD4KvRecordBeforeTheDownloadIsNoPhase() {
        List<FlashOperation> ops = ops(
                Kind.PROGRAM, 0x0803_D800,                                   // app: NEW_DELETED of a stale update
                Kind.PAGE_ERASE, 0x0802_B800, Kind.PROGRAM, 0x0802_B800,
                Kind.PROGRAM, 0x0803_D808);                                  // NEW_VERSION
        UpdatePhases phases = UpdatePhases.of("D4-PP", "ram-progress", D4_PP, ops);
        assertThat(phases.operations(UpdatePhase.FLAG_WRITE)).containsExactly(3);
        assertThat(phases.operations(UpdatePhase.COMMIT)).isEmpty();
        assertThat(phases.cutIndex(UpdatePhase.APPLY)).isEmpty();
    }
}
