package dev.brickproof.rig.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.testing.Firmware;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

public class VerdictRulesTest {
    private FirmwareImage v1;
    private FirmwareImage v2;
    private byte[] v2Bytes;

    @BeforeClass
    public void images() throws Exception {
        Path dir = Files.createTempDirectory("verdict");
        v2Bytes = Firmware.bytes(700, 2);
        FirmwareManifests m = new FirmwareManifests();
        v1 = m.load(Firmware.write(dir, "v1", "app", "1.0", "0x08002800", Firmware.bytes(600, 1), ""));
        v2 = m.load(Firmware.write(dir, "v2", "app", "2.0", "0x08002800", v2Bytes, ""));
    }

    private static BootEvidence banner(String version, Optional<String> sha) {
        return new BootEvidence(Optional.of(version), "brickproof D1 app v" + version, sha, Optional.empty(),
                Duration.ofSeconds(3));
    }

    @Test
    public void aBannerWithMatchingFlashIsBootedWithThatVersion() {
        Verdict v = VerdictRules.decide(banner("2.0", Optional.of(FirmwareManifests.sha256(v2Bytes))), List.of(v1, v2));
        assertThat(v.kind()).isEqualTo(Verdict.Kind.BOOTED);
        assertThat(v.version()).isEqualTo("2.0");
    }

    @Test
    public void aBannerOverDifferentFlashIsCorrupted() {
        byte[] torn = v2Bytes.clone();
        torn[500] ^= 0x01;
        Verdict v = VerdictRules.decide(banner("2.0", Optional.of(FirmwareManifests.sha256(torn))), List.of(v1, v2));
        assertThat(v.kind()).isEqualTo(Verdict.Kind.CORRUPTED);
        assertThat(v.detail()).contains("v2.0").contains("0x8002800");
    }

    @Test
    public void noBannerBeforeTheDeadlineIsBricked() {
        Verdict v = VerdictRules.decide(new BootEvidence(Optional.empty(), "", Optional.empty(), Optional.empty(),
                Duration.ofSeconds(3)), List.of(v1, v2));
        assertThat(v.kind()).isEqualTo(Verdict.Kind.BRICKED);
        assertThat(v.detail()).contains("3000 ms");
    }

    @Test
    public void aLockedUpCoreIsBrickedEvenAfterABanner() {
        Verdict v = VerdictRules.decide(new BootEvidence(Optional.of("2.0"), "x", Optional.empty(),
                Optional.of("LOCKED_UP: hardfault in hardfault"), Duration.ofSeconds(3)), List.of(v1, v2));
        assertThat(v.kind()).isEqualTo(Verdict.Kind.BRICKED);
    }

    @Test
    public void aLockUpInsideAHalfWrittenImageIsBrickedAndSaysPartialImage() {
        Verdict v = VerdictRules.decide(new BootEvidence(Optional.empty(), "", Optional.empty(),
                Optional.of("LOCKED_UP: stacking error"), Duration.ofSeconds(3), BootEvidence.AppArea.PARTIAL),
                List.of(v1, v2));
        assertThat(v.kind()).isEqualTo(Verdict.Kind.BRICKED);
        assertThat(v.detail()).contains("LOCKED_UP").contains("partial image");
    }

    @Test
    public void silenceOverAHalfWrittenImageIsBrickedNotCorrupted() {
        Verdict v = VerdictRules.decide(new BootEvidence(Optional.empty(), "", Optional.empty(),
                Optional.empty(), Duration.ofSeconds(3), BootEvidence.AppArea.PARTIAL), List.of(v1, v2));
        assertThat(v.kind()).isEqualTo(Verdict.Kind.BRICKED);
        assertThat(v.detail()).contains("no application banner within 3000 ms").contains("partial image");
    }

    @Test
    public void silenceOverACompleteImageIsBrickedAndBlamesTheBootloader() {
        Verdict v = VerdictRules.decide(new BootEvidence(Optional.empty(), "", Optional.empty(),
                Optional.empty(), Duration.ofSeconds(3), BootEvidence.AppArea.KNOWN_IMAGE), List.of(v1, v2));
        assertThat(v.kind()).isEqualTo(Verdict.Kind.BRICKED);
        assertThat(v.detail()).contains("never handed over");
    }

    @Test
    public void silenceWithAnErasedVectorTableIsBricked() {
        Verdict v = VerdictRules.decide(new BootEvidence(Optional.empty(), "", Optional.empty(), Optional.empty(),
                Duration.ofSeconds(3), BootEvidence.AppArea.VECTORS_ERASED), List.of(v1, v2));
        assertThat(v.kind()).isEqualTo(Verdict.Kind.BRICKED);
    }

    @Test
    public void aBannerOfAnUnknownVersionIsCorrupted() {
        assertThat(VerdictRules.decide(banner("9.9", Optional.empty()), List.of(v1, v2)).kind())
                .isEqualTo(Verdict.Kind.CORRUPTED);
    }

    @Test
    public void withoutFlashReadBackABannerIsBootedAndSaysSo() {
        Verdict v = VerdictRules.decide(banner("1.0", Optional.empty()), List.of(v1, v2));
        assertThat(v.kind()).isEqualTo(Verdict.Kind.BOOTED);
        assertThat(v.detail()).contains("not read back");
    }

    @Test
    public void outcomesMapOntoVerdicts() {
        Verdict old = Verdict.booted("1.0", "");
        Verdict fresh = Verdict.booted("2.0", "");
        assertThat(VerdictRules.satisfies(old, Outcome.OLD_BOOTS, "1.0", "2.0")).isTrue();
        assertThat(VerdictRules.satisfies(fresh, Outcome.OLD_BOOTS, "1.0", "2.0")).isFalse();
        assertThat(VerdictRules.satisfies(fresh, Outcome.RESUMES, "1.0", "2.0")).isTrue();
        assertThat(VerdictRules.satisfies(Verdict.bricked(""), Outcome.BRICKED, "1.0", "2.0")).isTrue();
        assertThat(VerdictRules.satisfies(Verdict.corrupted("2.0", ""), Outcome.CORRUPTED, "1.0", "2.0")).isTrue();
        assertThat(VerdictRules.satisfies(Verdict.rigFault("port gone"), Outcome.BRICKED, "1.0", "2.0"))
                .as("a rig fault never passes for a product outcome").isFalse();
    }
}
