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

    /** Emulator test images (rig/emulator's DmaEchoFirmwareTest), not update fixtures: they carry no manifest. */
    private static final List<String> EMULATOR_TEST_IMAGES = List.of("f103-hal-dma-echo.bin", "l431-hal-dma-echo.bin");

    @DataProvider
    public Object[][] images() {
        return Fixtures.images().stream().filter(n -> !EMULATOR_TEST_IMAGES.contains(n)).map(n -> new Object[] {n})
                .toArray(Object[][]::new);
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
        // besides: the trial-aware apps of the rollback scenarios (a good v2 and the bad ones), "<prefix>-trial-app-v2.0[-kind]"
        assertThat(images.stream().filter(n -> n.contains("-app-v") && !n.contains("-trial-app-")).count())
                .isEqualTo(3L * prefixes.size());
        List<String> trialApps = new java.util.ArrayList<>(List.of(
                "l431-ymodem-trial-app-v2.0.bin", "l431-ymodem-trial-app-v2.0-crash.bin",
                "l431-ymodem-trial-app-v2.0-hang.bin", "l431-ymodem-trial-app-v2.0-no-confirm.bin",
                "l431-d4pp-trial-app-v2.0-crash.bin", "l431-d4pp-trial-app-v2.0-hang.bin", "l431-d4pp-trial-app-v2.0.bin"));
        // the designs with no trial boot and no rollback (app/trial_app.c -DAPP_TRIAL_NONE): all four kinds each
        for (String design : List.of("f103-d1", "f103-d3", "f103-d5", "l431-d4ip", "f103-hal-xmodem", "l431-hal-text",
                "f103-hal-ymodem")) {
            for (String kind : List.of("", "-crash", "-hang", "-no-confirm")) {
                trialApps.add(design + "-trial-app-v2.0" + kind + ".bin");
            }
        }
        assertThat(images.stream().filter(n -> n.contains("-trial-app-v2.0")).toList())
                .containsExactlyInAnyOrderElementsOf(trialApps);
    }

    @Test(dataProvider = "images")
    public void manifestDescribesTheImageTruthfully(String image) throws Exception {
        Map<String, Object> m = Fixtures.manifest(image);
        byte[] bin = Fixtures.image(image);
        boolean boot = "bootloader".equals(m.get("role"));
        List<String> keys = new java.util.ArrayList<>(APP_KEYS);
        boolean d4 = m.get("design").toString().startsWith("D4");
        // trial-boot variants promise nothing about power cuts (not measured), only what a failed trial boot does
        boolean trialOnly = boot && m.containsKey("rollback") && !m.containsKey("expectedOutcome");
        if (boot) {
            if (!trialOnly) {
                keys.add("expectedOutcome");
            }
            keys.addAll(d4 ? List.of("rebuildCuts", "layout") : List.of("layout"));
            if (m.containsKey("rejects")) {
                keys.add("rejects");   // bootloaders of the default rig's boards: what a bad update image does
            }
            if (m.containsKey("rollback")) {
                keys.add("rollback");  // what a new app failing its trial boot (or a requested rollback) leads to
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
        if (boot && m.containsKey("rollback")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> rollback = (Map<String, Object>) m.get("rollback");
            assertThat(rollback.keySet()).isSubsetOf("confirmed", "crash", "hang", "no-confirm", "requested",
                    "interrupted-restore");
            assertThat(rollback.values()).allSatisfy(v -> assertThat(v.toString()).isIn(OUTCOMES));
        }
        if (boot && !trialOnly) {
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
        }
        if (boot) {
            @SuppressWarnings("unchecked")
            Map<String, List<String>> layout = (Map<String, List<String>>) m.get("layout");
            assertThat(layout).containsKeys("bootloader", "app");
            assertThat(layout.values()).allSatisfy(r -> assertThat(Fixtures.hex(r.get(0))).isLessThan(Fixtures.hex(r.get(1))));
        }
    }
}
