package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Region;
import dev.brickproof.rig.resource.RejectKind;
import dev.brickproof.rig.resource.RigDescription;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Each generated bad image is what its kind says, for every board of the default rig. */
public class BadImagesTest {
    private final RigDescription rig = ReferenceRig.load();
    private final BadImages generator = new BadImages(Path.of("target/bad-images-test"));

    @DataProvider
    public Object[][] boards() {
        return rig.boards().stream().map(b -> new Object[] {b.id()}).toArray(Object[][]::new);
    }

    private FirmwareProfile fw(String board) {
        return rig.board(board).orElseThrow().firmwareProfile().orElseThrow();
    }

    private static byte[] bytes(FirmwareImage image) throws IOException {
        byte[] b = Files.readAllBytes(image.file());
        assertThat(b).as("file size = manifest size").hasSize(image.size());
        return b;
    }

    /** Offsets where {@code a} and {@code b} (same length) differ. */
    private static int[] differences(byte[] a, byte[] b) {
        assertThat(b).hasSameSizeAs(a);
        return java.util.stream.IntStream.range(0, a.length).filter(i -> a[i] != b[i]).toArray();
    }

    @Test(dataProvider = "boards")
    public void eachFlipChangesExactlyOneByteWhereItsKindSays(String board) throws IOException {
        FirmwareProfile fw = fw(board);
        byte[] real = bytes(fw.update());
        int[] header = differences(real, bytes(generator.make(RejectKind.HEADER_FLIP, fw, Optional.empty()).image()));
        int[] body = differences(real, bytes(generator.make(RejectKind.BODY_FLIP, fw, Optional.empty()).image()));
        int[] last = differences(real, bytes(generator.make(RejectKind.LAST_BLOCK_FLIP, fw, Optional.empty()).image()));
        assertThat(header).hasSize(1);
        assertThat(header[0]).as("in the vector table's first 64 bytes").isLessThan(64);
        assertThat(body).hasSize(1);
        assertThat(body[0]).as("in the body").isBetween(64, real.length - BadImages.LAST_BLOCK - 1);
        assertThat(last).hasSize(1);
        assertThat(last[0]).as("in the last 128-byte block").isGreaterThanOrEqualTo(((real.length - 1) / 128) * 128);
    }

    @Test(dataProvider = "boards")
    public void theTruncatedImageIsTheFirstHalf(String board) throws IOException {
        FirmwareProfile fw = fw(board);
        byte[] real = bytes(fw.update());
        byte[] half = bytes(generator.make(RejectKind.TRUNCATED, fw, Optional.empty()).image());
        assertThat(half.length).isBetween(real.length / 2 - 3, real.length / 2);
        assertThat(half).isEqualTo(Arrays.copyOf(real, half.length));
    }

    @Test(dataProvider = "boards")
    public void theOversizeImageRunsPastTheAppRegionWithTheRealImageFirst(String board) throws IOException {
        FirmwareProfile fw = fw(board);
        byte[] real = bytes(fw.update());
        FirmwareImage big = generator.make(RejectKind.OVERSIZE, fw, Optional.empty()).image();
        byte[] b = bytes(big);
        Region app = fw.bootloader().layout().region("app").orElseThrow();
        assertThat(Integer.toUnsignedLong(big.loadAddress()) + b.length).as("end past %s", app)
                .isGreaterThan(Integer.toUnsignedLong(app.end()));
        assertThat(Arrays.copyOf(b, real.length)).isEqualTo(real);
        for (int i = real.length; i < b.length; i++) {
            assertThat(b[i]).as("filler byte %d is programmed", i).isNotEqualTo((byte) 0xFF);
        }
    }

    @Test(dataProvider = "boards")
    public void theOtherChipImageIsAnotherChipsRealApp(String board) throws IOException {
        BoardResource here = rig.board(board).orElseThrow();
        FirmwareImage foreign = rig.boards().stream().filter(o -> o.chip() != here.chip())
                .map(o -> o.firmwareProfile().orElseThrow().update()).findFirst().orElseThrow();
        FirmwareImage sent = generator.make(RejectKind.OTHER_CHIP, fw(board), Optional.of(foreign)).image();
        assertThat(bytes(sent)).isEqualTo(Files.readAllBytes(foreign.file()));
        int sp = ByteBuffer.wrap(bytes(sent), 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(foreign.chip().containsSram(Integer.toUnsignedLong(sp) - 4, 4))
                .as("initial SP 0x%08X is the other chip's", sp).isTrue();
    }

    @Test(dataProvider = "boards")
    public void theDowngradeIsTheRealV1(String board) {
        FirmwareProfile fw = fw(board);
        FirmwareImage sent = generator.make(RejectKind.DOWNGRADE, fw, Optional.empty()).image();
        assertThat(sent).isEqualTo(fw.app());
        assertThat(sent.version()).isNotEqualTo(fw.update().version());
    }

    @Test(expectedExceptions = dev.brickproof.rig.RigConfigurationException.class,
            expectedExceptionsMessageRegExp = ".*other-chip.*")
    public void anOtherChipImageWithoutAForeignAppIsAConfigurationError() {
        generator.make(RejectKind.OTHER_CHIP, fw("f103-d1"), Optional.empty());
    }
}
