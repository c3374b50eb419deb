package dev.brickproof.rig.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.RigConfigurationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.testng.annotations.Test;

public class ShardTest {
    private static final List<String> TESTS = List.of("upgrade", "powerCut", "sweep", "rigFault", "rollback", "health");

    @Test
    public void everyRowLandsInExactlyOneShardForEveryShardCount() {
        for (int n = 1; n <= 7; n++) {
            for (String test : TESTS) {
                for (int rows : new int[] {0, 1, 5, 48, 101}) {
                    for (int row = 0; row < rows; row++) {
                        int takers = 0;
                        for (int i = 1; i <= n; i++) {
                            if (new Shard(i, n).takesRow(test, row)) {
                                takers++;
                            }
                        }
                        assertThat(takers).as("%s row %d of %d shards", test, row, n).isEqualTo(1);
                    }
                }
                int takers = 0;
                for (int i = 1; i <= n; i++) {
                    takers += new Shard(i, n).takesTest(test) ? 1 : 0;
                }
                assertThat(takers).as("%s in %d shards", test, n).isEqualTo(1);
            }
        }
    }

    @Test
    public void rowsAreSpreadEvenlyOverTheShards() {
        int n = 4;
        for (String test : TESTS) {
            int[] perShard = new int[n];
            for (int row = 0; row < 48; row++) {
                for (int i = 1; i <= n; i++) {
                    if (new Shard(i, n).takesRow(test, row)) {
                        perShard[i - 1]++;
                    }
                }
            }
            assertThat(perShard).containsOnly(12);
        }
    }

    @Test
    public void slicesAreContiguousDisjointAndCoverTheWholeRange() {
        for (int n = 1; n <= 6; n++) {
            for (int total : new int[] {0, 1, 5, 19_207}) {
                Set<Integer> seen = new HashSet<>();
                int expectedFrom = 0;
                List<Integer> sizes = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Shard.Slice s = new Shard(i, n).slice(total);
                    assertThat(s.from()).isEqualTo(expectedFrom);
                    expectedFrom = s.to();
                    sizes.add(s.size());
                    for (int k = s.from(); k < s.to(); k++) {
                        assertThat(seen.add(k)).isTrue();
                    }
                }
                assertThat(seen).hasSize(total);
                assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0)
                        - sizes.stream().mapToInt(Integer::intValue).min().orElse(0)).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    public void parsesTheSystemPropertyFormAndRejectsOthersAsConfigurationErrors() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(Shard.ALL);
        assertThat(Shard.parse(null)).isEqualTo(Shard.ALL);
        for (String bad : new String[] {"0/2", "3/2", "2", "a/b", "1/0", "1/2/3", "-1/2"}) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad)
                    .isInstanceOf(RigConfigurationException.class)
                    .hasMessageContaining("brickproof.shard")
                    .hasMessageContaining("Fix:")
                    .satisfies(e -> assertThat(ExitStatus.of(e)).isEqualTo(ExitStatus.CONFIGURATION_ERROR));
        }
    }
}
