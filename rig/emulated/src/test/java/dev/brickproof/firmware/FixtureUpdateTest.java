package dev.brickproof.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Every bootloader takes v1.0 to v2.0 through its design's real protocol, with no fault injected. */
public class FixtureUpdateTest {

    @DataProvider
    public Object[][] bootloaders() {
        return Fixtures.bootloaders().stream().map(n -> new Object[] {n}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "bootloaders")
    public void updateFromV1ToV2BootsV2(String boot) {
        Design d = Design.of(boot);
        Bench b = d.bootV1();
        d.update(b);
        byte[] v2 = Fixtures.image(d.app(2));
        assertThat(b.read(d.appBase(), v2.length)).isEqualTo(v2);
        assertThat(b.text()).contains(d.appBanner(2));
    }
}
