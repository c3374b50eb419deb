package dev.brickproof.rig.protocol.tobudos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.protocol.FrameCorruptedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import dev.brickproof.rig.protocol.tobudos.patch.PatchRejectedException;
import org.testng.annotations.Test;

public class TobudosCodecTest {
    private static final Partition APP_IP = new Partition(0x0800_7800, 0x0802_D000);
    private static final Partition OTA_IP = new Partition(0x0802_D000, 0x0803_9800);
    private static final Partition KV_IP = new Partition(0x0803_9800, 0x0803_F800);

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    public void crc8OfTheCheckStringIs0xA2() {
        assertThat(Crc8.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xA2);
    }

    @Test
    public void theInPlaceTableEncodesToTheFactSheetVectorWithCrc0x96() {
        PartitionTable table = PartitionTable.inPlace(0, 1, APP_IP, OTA_IP, KV_IP);
        byte[] expected = hex("20 64 00 01 96 00 00 00 00 78 00 08 00 D0 02 08 00 D0 02 08 00 98 03 08 00 98 03 08"
                + " 00 F8 03 08");
        assertThat(table.encode()).isEqualTo(expected).hasSize(32);
        assertThat(PartitionTable.decode(expected, PartitionTable.Mode.IN_PLACE)).isEqualTo(table);
    }

    @Test
    public void theReservedBytesAreNotCoveredByTheCrc() {
        byte[] bytes = PartitionTable.inPlace(0, 1, APP_IP, OTA_IP, KV_IP).encode();
        bytes[5] = (byte) 0xA5; // the host tool leaves them uninitialised
        bytes[7] = 0x11;
        assertThat(PartitionTable.decode(bytes, PartitionTable.Mode.IN_PLACE).ota()).isEqualTo(OTA_IP);
    }

    @Test
    public void thePingPongTableIs40BytesAndRoundTrips() {
        PartitionTable table = PartitionTable.pingPong(0, 1, new Partition(0x0800_7800, 0x0801_9800),
                new Partition(0x0801_9800, 0x0802_B800), new Partition(0x0802_B800, 0x0803_D800),
                new Partition(0x0803_D800, 0x0803_F800));
        byte[] bytes = table.encode();
        assertThat(bytes).hasSize(40);
        assertThat(bytes[4] & 0xFF).isEqualTo(PartitionTable.crcOf(bytes, PartitionTable.Mode.PING_PONG));
        assertThat(PartitionTable.decode(bytes, PartitionTable.Mode.PING_PONG)).isEqualTo(table);
        assertThat(table.problem(8)).isNull();
    }

    @Test
    public void everyFlippedCoveredByteIsCaughtByTheCrc() {
        byte[] good = PartitionTable.inPlace(0, 1, APP_IP, OTA_IP, KV_IP).encode();
        for (int i = 0; i < good.length; i++) {
            if (i >= 4 && i < 8) {
                continue; // the CRC itself and the reserved bytes
            }
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> PartitionTable.decode(bad, PartitionTable.Mode.IN_PLACE))
                    .as("byte %d", i).isInstanceOf(FrameCorruptedException.class);
        }
    }

    @Test
    public void anErasedTablePageSaysSo() {
        byte[] erased = new byte[2048];
        Arrays.fill(erased, (byte) 0xFF);
        assertThatThrownBy(() -> PartitionTable.decode(erased, PartitionTable.Mode.IN_PLACE))
                .isInstanceOf(FrameCorruptedException.class).hasMessageContaining("erased page");
    }

    @Test
    public void aShortOrReversedTableIsCorrupt() {
        assertThatThrownBy(() -> PartitionTable.decode(new byte[20], PartitionTable.Mode.IN_PLACE))
                .isInstanceOf(FrameCorruptedException.class).hasMessageContaining("32 bytes");
        byte[] reversed = PartitionTable.inPlace(0, 1, APP_IP, OTA_IP, KV_IP).encode();
        // swap the app's start and end, then fix the CRC: structurally invalid although the CRC matches
        byte[] start = Arrays.copyOfRange(reversed, 8, 12);
        System.arraycopy(reversed, 12, reversed, 8, 4);
        System.arraycopy(start, 0, reversed, 12, 4);
        reversed[4] = (byte) PartitionTable.crcOf(reversed, PartitionTable.Mode.IN_PLACE);
        assertThatThrownBy(() -> PartitionTable.decode(reversed, PartitionTable.Mode.IN_PLACE))
                .isInstanceOf(FrameCorruptedException.class).hasMessageContaining("reversed");
    }

    @Test
    public void aPartitionThatIsNotAWholeNumberOfDoubleWordsIsAProblem() {
        PartitionTable t = PartitionTable.inPlace(0, 1, new Partition(0x0800_7800, 0x0802_D004), OTA_IP, KV_IP);
        assertThat(t.problem(8)).contains("8-byte write unit");
    }

    @Test
    public void kvRecordsHaveTheDocumentedLayoutAndCrc() {
        byte[] r = KvRecord.newVersion(2, 0).encode();
        assertThat(Arrays.copyOf(r, 7)).containsExactly(0x01, 2, 0, 0, 0, 0, 0);
        assertThat(r[7] & 0xFF).isEqualTo(Crc8.update(0, r, 0, 7));
        byte[] page = KvRecord.applyPage(0x0102).encode();
        assertThat(page[4]).isEqualTo((byte) 0x02);
        assertThat(page[5]).isEqualTo((byte) 0x01);
        assertThat(KvRecord.decode(page, 0)).isEqualTo(KvRecord.applyPage(0x0102));
    }

    private static byte[] kv(int slots) {
        byte[] p = new byte[slots * 8];
        Arrays.fill(p, (byte) 0xFF);
        return p;
    }

    @Test
    public void replayFollowsTheLogAndSkipsTornSlots() {
        byte[] p = kv(32);
        KvState.append(p, KvRecord.curVersion(1, 0));
        KvState.append(p, KvRecord.newVersion(2, 0));
        KvState.append(p, KvRecord.applyBegin(2, 0));
        KvState.append(p, KvRecord.applyPage(0));
        KvState.append(p, KvRecord.applyPage(1));
        KvState.append(p, KvRecord.applyPage(3)); // out of order: does not count
        byte[] torn = KvRecord.applyPage(2).encode();
        torn[7] ^= 0x40; // cut mid-program
        System.arraycopy(torn, 0, p, 6 * 8, 8);
        KvState.append(p, KvRecord.applyPage(2)); // the writer moved on to the next slot
        KvState s = KvState.replay(p);
        assertThat(s.curVersion()).containsExactly(1, 0);
        assertThat(s.newVersion()).containsExactly(2, 0);
        assertThat(s.applying()).containsExactly(2, 0);
        assertThat(s.applyPages()).isEqualTo(3);
        assertThat(s.tornSlots()).isEqualTo(1);
        assertThat(s.freeSlots()).isEqualTo(32 - 8);
        assertThat(s.updatePending()).isTrue();

        KvState.append(p, KvRecord.curVersion(2, 0));
        KvState.append(p, KvRecord.newDeleted());
        KvState done = KvState.replay(p);
        assertThat(done.updatePending()).isFalse();
        assertThat(done.applying()).isNull();
        assertThat(done.curVersion()).containsExactly(2, 0);
    }

    @Test
    public void pingPongBackupAndRollbackAreReplayed() {
        byte[] p = kv(16);
        KvState.append(p, KvRecord.newVersion(3, 0));
        KvState.append(p, KvRecord.applyBegin(3, 0));
        KvState.append(p, KvRecord.backupPage(0));
        KvState.append(p, KvRecord.backupPage(1));
        KvState.append(p, KvRecord.rollback());
        KvState s = KvState.replay(p);
        assertThat(s.backupPages()).isEqualTo(2);
        assertThat(s.rollingBack()).isTrue();
        assertThat(KvState.append(kv(0), KvRecord.rollback())).isFalse();
    }

    @Test
    public void theOtaImageHeaderIs21BytesThenThePatchAndVerifies() {
        byte[] oldApp = new byte[3000];
        byte[] newApp = new byte[4000];
        new Random(1).nextBytes(oldApp);
        new Random(2).nextBytes(newApp);
        System.arraycopy(oldApp, 0, newApp, 500, 2000); // shared content, so the patch is smaller than the image
        OtaImage image = OtaImage.of(2, 0, newApp, 1, 0, oldApp);
        byte[] bytes = image.encode();
        assertThat(bytes).hasSize(21 + image.patchSize());
        assertThat(image.patchSize()).isLessThan(newApp.length);
        assertThat(bytes[0] & 0xFF).isEqualTo(0xDE);
        assertThat(bytes[1] & 0xFF).isEqualTo(0xBA);
        assertThat(bytes[6] & 0xFF).isEqualTo(Crc8.of(newApp));
        assertThat(bytes[7] & 0xFF).isEqualTo(Crc8.of(oldApp));
        assertThat(java.nio.ByteBuffer.wrap(bytes, 17, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt())
                .isEqualTo(bytes.length - 21);
        OtaImage back = OtaImage.decode(bytes);
        assertThat(back.rebuild(oldApp)).isEqualTo(newApp);
        assertThat(back.oldSize()).isEqualTo(3000);
        assertThatThrownBy(() -> back.rebuild(newApp)).isInstanceOf(PatchRejectedException.class);
        bytes[100] ^= 1;
        assertThatThrownBy(() -> OtaImage.decode(bytes)).isInstanceOf(FrameCorruptedException.class)
                .hasMessageContaining("patch_crc");
    }
}
