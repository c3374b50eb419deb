package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.testng.annotations.Test;

public class CutPointTest {

    @Test
    public void everyKindParsesAndPrintsBackTheSame() {
        for (String text : new String[] {"before:0", "before:19206", "torn:12:0", "torn:12:2", "after-last",
                "double:40:3", "link:1024"}) {
            assertThat(CutPoint.parse(text).toString()).isEqualTo(text);
        }
        assertThat(CutPoint.parse("torn:7")).isEqualTo(CutPoint.torn(7, 0));
    }

    @Test
    public void aMalformedCutNamesTheFormsThatWork() {
        assertThatThrownBy(() -> CutPoint.parse("before")).hasMessageContaining("before:K");
        assertThatThrownBy(() -> CutPoint.parse("before:x")).hasMessageContaining("before:K");
        assertThatThrownBy(() -> CutPoint.parse("middle:3")).hasMessageContaining("unknown cut kind 'middle'");
        assertThatThrownBy(() -> CutPoint.parse("before:-1")).hasMessageContaining(">= 0");
    }

    @Test
    public void tornSeedsSpreadTheFractionInsideTheOperation() {
        assertThat(CutPoint.torn(0, 0).tornFraction()).isEqualTo(0.5);
        double a = CutPoint.torn(0, 1).tornFraction();
        double b = CutPoint.torn(0, 2).tornFraction();
        assertThat(a).isBetween(0.05, 0.95).isNotEqualTo(0.5);
        assertThat(b).isBetween(0.05, 0.95).isNotEqualTo(0.5).isNotEqualTo(a);
    }
}
