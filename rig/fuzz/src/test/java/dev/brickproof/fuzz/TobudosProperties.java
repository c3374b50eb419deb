package dev.brickproof.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.tobudos.KvRecord;
import dev.brickproof.rig.protocol.tobudos.KvState;
import dev.brickproof.rig.protocol.tobudos.OtaImage;
import dev.brickproof.rig.protocol.tobudos.Partition;
import dev.brickproof.rig.protocol.tobudos.PartitionTable;
import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** TobudOS (D4): partition table, KV records and their replay, OTA image header, read from fuzzed flash. */
@AddLifecycleHook(FuzzBudget.class)
class TobudosProperties {
    static final Outcome CORRUPT = Outcome.documents(FrameCorruptedException.class);
    static final Outcome NOTHING = Outcome.documents();

    @Property
    @FuzzTarget(value = "PartitionTable.decode", sample = 2_000, campaign = 100_000, maxCaseMegabytes = 1)
    void aTableDecodesToOrderedPartitionsOrIsCorrupt(@ForAll("tables") byte[] bytes, @ForAll boolean pingPong) {
        PartitionTable.Mode mode = pingPong ? PartitionTable.Mode.PING_PONG : PartitionTable.Mode.IN_PLACE;
        PartitionTable t = Cases.current().check(CORRUPT, () -> PartitionTable.decode(bytes, mode));
        if (t != null) {
            for (Partition p : List.of(t.activeApp(), t.ota(), t.kv())) {
                assertThat(Integer.compareUnsigned(p.start(), p.end())).isNegative();
            }
            byte[] read = java.util.Arrays.copyOf(bytes, mode.size());
            read[5] = read[6] = read[7] = 0; // reserved bytes: written 0, not checked
            assertThat(t.encode()).isEqualTo(read);
        }
    }

    @Property
    @FuzzTarget(value = "KvRecord.decode", sample = 2_000, campaign = 100_000, maxCaseMegabytes = 1)
    void aKvSlotDecodesToARecordOrIsCorruptEvenWhenCutShort(@ForAll("slots") byte[] bytes,
                                                           @ForAll @IntRange(min = 0, max = 40) int offset) {
        KvRecord r = Cases.current().check(CORRUPT, () -> KvRecord.decode(bytes, offset));
        if (r != null) {
            // tag, version and arg come from the slot; the pad bytes +3 and +6 are not checked (nor by the D4
            // bootloader's replay), so only those and the CRC over them may differ from a fresh encoding
            byte[] encoded = r.encode();
            for (int i : new int[] {0, 1, 2, 4, 5}) {
                assertThat(encoded[i]).as("byte +%d", i).isEqualTo(bytes[offset + i]);
            }
            assertThat(KvRecord.decode(encoded, 0)).isEqualTo(r);
        }
        Cases.current().check(NOTHING, () -> KvRecord.isFree(bytes, offset));
    }

    @Property
    @FuzzTarget(value = "KvState.replay", sample = 1_000, campaign = 50_000, maxCaseMegabytes = 1)
    void anyKvPartitionReplaysWithoutThrowing(@ForAll("logs") byte[] partition) {
        KvState s = Cases.current().check(NOTHING, () -> KvState.replay(partition));
        assertThat(s.records().size() + s.tornSlots() + s.freeSlots()).isEqualTo(partition.length / KvRecord.SIZE);
        byte[] copy = partition.clone();
        Cases.current().check(NOTHING, () -> KvState.append(copy, KvRecord.rollback()));
    }

    @Property
    @FuzzTarget(value = "OtaImage.decode", sample = 2_000, campaign = 100_000, maxCaseMegabytes = 1)
    void anOtaImageDecodesWithMatchingChecksOrIsCorrupt(@ForAll("images") byte[] bytes) {
        OtaImage image = Cases.current().check(CORRUPT, () -> OtaImage.decode(bytes));
        if (image != null) {
            assertThat(image.encode()).isEqualTo(bytes);
        }
    }

    @Provide
    Arbitrary<byte[]> tables() {
        return Inputs.mostlyMutated(List.of(
                PartitionTable.inPlace(1, 0, new Partition(0x0800_8000, 0x0802_0000),
                        new Partition(0x0802_0000, 0x0803_8000), new Partition(0x0803_8000, 0x0803_C000)).encode(),
                PartitionTable.pingPong(2, 3, new Partition(0x0800_8000, 0x0801_8000),
                        new Partition(0x0801_8000, 0x0802_8000), new Partition(0x0802_8000, 0x0803_8000),
                        new Partition(0x0803_8000, 0x0803_C000)).encode()), 6, 48);
    }

    @Provide
    Arbitrary<byte[]> slots() {
        return Inputs.mostlyMutated(List.of(KvRecord.newVersion(2, 0).encode(), KvRecord.applyPage(7).encode(),
                concat(KvRecord.curVersion(1, 0).encode(), KvRecord.rollback().encode()), new byte[3],
                new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}), 6, 24);
    }

    @Provide
    Arbitrary<byte[]> logs() {
        byte[] log = concat(KvRecord.curVersion(1, 0).encode(), KvRecord.newVersion(2, 0).encode(),
                KvRecord.applyBegin(2, 0).encode(), KvRecord.backupPage(0).encode(), KvRecord.applyPage(0).encode(),
                KvRecord.applyPage(1).encode(), KvRecord.rollback().encode(), KvRecord.newDeleted().encode(),
                ff(64));
        return Inputs.mostlyMutated(List.of(log, ff(40)), 8, 200);
    }

    @Provide
    Arbitrary<byte[]> images() {
        byte[] v1 = new byte[300];
        byte[] v2 = new byte[280];
        for (int i = 0; i < v2.length; i++) {
            v2[i] = (byte) (i ^ 0x5A);
        }
        return Inputs.mostlyMutated(List.of(OtaImage.of(2, 0, v2, 1, 0, v1).encode(),
                OtaImage.of(1, 1, new byte[0], 1, 0, v1).encode()), 6, 64);
    }

    private static byte[] ff(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 0xFF);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
