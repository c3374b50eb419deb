package dev.brickproof.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Every image boots on the emulated board and prints the banner its manifest promises. */
public class FixtureBootTest {

    @DataProvider
    public Object[][] bootloaders() {
        return Fixtures.bootloaders().stream().filter(Design::knows).map(n -> new Object[] {n}).toArray(Object[][]::new);
    }

    @DataProvider
    public Object[][] apps() {
        return Fixtures.images().stream().filter(Design::knows).filter(n -> n.contains("-app-"))
                .filter(n -> !n.contains("-trial-app-")) /* trial apps: TrialBootScenarioTest (some crash on purpose) */
                .map(n -> new Object[] {n}).toArray(Object[][]::new);
    }

    static boolean anyLineMatches(String text, Object regex) {
        Pattern p = Pattern.compile(regex.toString());
        return Arrays.stream(text.split("\r?\n")).anyMatch(l -> p.matcher(l).find());
    }

    @Test(dataProvider = "bootloaders")
    public void bootloaderPrintsItsBannerAndStartsTheV1App(String boot) {
        Design d = Design.of(boot);
        Bench b = d.bootV1();
        assertThat(anyLineMatches(b.text(), d.manifest.get("banner"))).as(b.text()).isTrue();
        assertThat(anyLineMatches(b.text(), Fixtures.manifest(d.app(1)).get("banner"))).as(b.text()).isTrue();
        int mark = b.size();
        b.send("version\r\n");
        assertThat(b.awaitText(d.appBanner(1), mark, Duration.ofSeconds(1))).as(b.text()).isTrue();
    }

    @Test(dataProvider = "apps")
    public void appBootsBehindTheRobustBootloaderAndAnswersVersion(String app) {
        String prefix = app.substring(0, app.indexOf("-app-"));
        Design d = Design.of(prefix + "-boot.bin");
        Bench b = new Bench(Bench.chipOf(d.chip));
        d.provision(b);
        b.program(d.appBase(), Fixtures.image(app));
        b.powerOn();
        Object banner = Fixtures.manifest(app).get("banner");
        assertThat(b.until(() -> anyLineMatches(b.text(), banner), Duration.ofSeconds(5))).as(b.text()).isTrue();
        int mark = b.size();
        b.send("bogus\r\n");
        assertThat(b.awaitText("unknown command: bogus", mark, Duration.ofSeconds(1))).as(b.text()).isTrue();
        mark = b.size();
        b.send("reboot\r\n");
        assertThat(b.awaitText(" boot v1.0", mark, Duration.ofSeconds(1))).as(b.text()).isTrue();
    }
}
