package dev.brickproof.rig.update;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.RigDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/** The rig file's firmware.options and firmware.failureMessages reach the profile the drivers read. */
public class FirmwareOptionsTest {

    private static FirmwareProfile firmware(String rigFile, String board) throws Exception {
        Path root = Path.of(System.getProperty("brickproof.root", "../.."));
        RigDescription rig = new RigFileLoader(Files.createTempDirectory("runs")).load(root.resolve("fixtures/rigs/" + rigFile));
        return rig.boards().stream().filter(b -> b.id().equals(board)).findFirst().orElseThrow().firmware();
    }

    @Test
    public void theOptionsOfTheDefaultRigsGizwitsBoardAreReadAsWritten() throws Exception {
        FirmwareProfile d5 = firmware("emulated.yaml", "f103-d5");
        assertThat(d5.protocolOptions()).containsEntry("prompt", "waiting for the P0").containsEntry("lastPieceAck", "required");
        assertThat(ProtocolOptions.of(d5).pattern("prompt").orElseThrow().pattern()).isEqualTo("waiting for the P0");
    }

    @Test
    public void failureMessagesBecomeRegexesTheWatchAddsToTheDriversOwn() throws Exception {
        FirmwareProfile d1 = firmware("pi-lab.example.yaml", "bluepill-1");
        assertThat(d1.failureMessages()).extracting(Pattern::pattern).containsExactly("D1: (image invalid|flash write failed)");
        FailureWatch watch = FailureWatch.of(d1, java.util.List.of(Pattern.compile("D1: bad page count")));
        assertThat(watch.matching("D1: flash write failed at 0x08002C00")).isPresent();
        assertThat(watch.matching("D1: bad page count")).isPresent();
        assertThat(watch.matching("D1: erased 12 pages")).isEmpty();
    }
}
