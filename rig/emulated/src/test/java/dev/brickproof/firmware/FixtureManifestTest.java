package dev.brickproof.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.resource.UpdatePhase;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Every committed image has a manifest with exactly the agreed keys, and its size and hash are true. */
public class FixtureManifestTest {
    private static final List<String> APP_KEYS =
            List.of("image", "chip", "design", "role", "variant", "version", "loadAddress", "size", "sha256", "banner");
    private static final List<String> OUTCOMES =
            List.of("OLD_BOOTS", "NEW_BOOTS", "RESUMES", "CORRUPTED", "BRICKED", "NOT_APPLICABLE");

    @DataProvider
    public Object[][] images() {
        return Fixtures.images().stream().map(n -> new Object[] {n}).toArray(Object[][]::new);
    }

    @Test
    public void everyDesignHasBootloadersAndThreeAppVersions() {
        List<String> images = Fixtures.images();
        List<String> prefixes = images.stream().filter(n -> n.contains("-boot")).map(n -> n.substring(0, n.indexOf("-boot")))
                .distinct().toList();
        assertThat(prefixes).hasSize(10);   // D1, D3, D5, YMODEM x2, D4-IP, D4-PP, HAL-XMODEM, HAL-TEXT, HAL-YMODEM
        for (String prefix : prefixes) {
            for (int v = 1; v <= 3; v++) {
                assertThat(images).contains(prefix + "-app-v" + v + ".0.bin");
            }
        }
        assertThat(images.stream().filter(n -> n.contains("-app-v")).count()).isEqualTo(3L * prefixes.size());
    }

    @Test(dataProvider = "images")
    public void manifestDescribesTheImageTruthfully(String image) throws Exception {
        Map<String, Object> m = Fixtures.manifest(image);
        byte[] bin = Fixtures.image(image);
        boolean boot = "bootloader".equals(m.get("role"));
        List<String> keys = new java.util.ArrayList<>(APP_KEYS);
        boolean d4 = m.get("design").toString().startsWith("D4");
        if (boot) {
            keys.addAll(d4 ? List.of("expectedOutcome", "rebuildCuts", "layout") : List.of("expectedOutcome", "layout"));
            if (m.containsKey("rejects")) {
                keys.add("rejects");   // bootloaders of the default rig's boards: what a bad update image does
            }
        }
        assertThat(m.keySet()).containsExactlyElementsOf(keys);
        assertThat(m.get("image")).isEqualTo(image);
        assertThat(m.get("chip")).isIn("STM32F103C8", "STM32L431RC");
        assertThat(m.get("design")).isIn("D1", "D3", "D4-IP", "D4-PP", "D5", "YMODEM",
                "HAL-XMODEM", "HAL-TEXT", "HAL-YMODEM");
        assertThat(m.get("variant").toString()).matches("[a-z]+(-[a-z]+)*");
        assertThat(m.get("loadAddress").toString()).matches("0x[0-9A-F]{8}");
        assertThat(((Number) m.get("size")).intValue()).isEqualTo(bin.length);
        assertThat(m.get("sha256")).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bin)));
        Pattern.compile(m.get("banner").toString());
        if (boot) {
            @SuppressWarnings("unchecked")
            Map<String, Object> outcomes = (Map<String, Object>) m.get("expectedOutcome");
            assertThat(outcomes.keySet()).containsExactlyElementsOf(Arrays.stream(UpdatePhase.values()).map(UpdatePhase::key).toList());
            assertThat(outcomes.values()).allSatisfy(v -> assertThat(v.toString()).isIn(OUTCOMES));
            if (d4) {
                @SuppressWarnings("unchecked")
                Map<String, Object> rebuild = (Map<String, Object>) m.get("rebuildCuts");
                assertThat(rebuild.keySet()).containsExactly("appUnchanged", "appChanged");
                assertThat(rebuild.values()).allSatisfy(v -> assertThat(v.toString()).isIn(OUTCOMES));
                assertThat(rebuild.get("appChanged")).as("the middle rebuild write changes the app")
                        .isEqualTo(outcomes.get("apply"));
            }
            @SuppressWarnings("unchecked")
            Map<String, List<String>> layout = (Map<String, List<String>>) m.get("layout");
            assertThat(layout).containsKeys("bootloader", "app");
            assertThat(layout.values()).allSatisfy(r -> assertThat(Fixtures.hex(r.get(0))).isLessThan(Fixtures.hex(r.get(1))));
        }
    }
}
