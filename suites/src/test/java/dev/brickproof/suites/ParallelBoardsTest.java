package dev.brickproof.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.testng.BoardSelection;
import dev.brickproof.testng.ParallelBoards;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;
import org.testng.xml.XmlSuite;

/** {@code -Dbrickproof.boards} selects boards of the rig; {@code -Dbrickproof.parallel} sets TestNG's parallel mode. */
public class ParallelBoardsTest {
    private static final Path ROOT = Path.of(System.getProperty("brickproof.root", ".."));

    private static RigDescription defaultRig() {
        return new RigFileLoader(ROOT.resolve("target/parallel-boards-test")).load(ROOT.resolve("fixtures/rigs/emulated.yaml"));
    }

    @Test
    public void namedBoardsAreKeptInRigFileOrder() {
        RigDescription rig = defaultRig();
        List<String> ids = rig.boards().stream().map(BoardResource::id).toList();
        String first = ids.get(0);
        String last = ids.get(ids.size() - 1);
        List<String> kept = BoardSelection.parse(" " + last + " ," + first).of(rig).stream().map(BoardResource::id).toList();
        assertThat(kept).containsExactly(first, last);
        assertThat(BoardSelection.parse("").of(rig)).hasSameSizeAs(ids);
    }

    @Test
    public void anUnknownBoardIsAConfigurationErrorNamingTheProperty() {
        assertThatThrownBy(() -> BoardSelection.parse("no-such-board").of(defaultRig()))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("brickproof.boards").hasMessageContaining("no-such-board");
    }

    @Test
    public void parallelRunsInstancesOnBoardThreadsAndOffRunsOneAtATime() {
        XmlSuite on = new XmlSuite();
        new ParallelBoards(true, 3).alter(List.of(on));
        assertThat(on.getParallel()).isEqualTo(XmlSuite.ParallelMode.INSTANCES);
        assertThat(on.getThreadCount()).isEqualTo(3);
        XmlSuite off = new XmlSuite();
        off.setParallel(XmlSuite.ParallelMode.METHODS);
        new ParallelBoards(false, 3).alter(List.of(off));
        assertThat(off.getParallel()).isEqualTo(XmlSuite.ParallelMode.NONE);
    }

    @Test
    public void aBoardInstanceRunsOnlyItsOwnBoard() {
        UpgradeScenarios one = new UpgradeScenarios("f103-d1");
        assertThat(one.runs("f103-d1")).isTrue();
        assertThat(one.runs("l431-ymodem")).isFalse();
        assertThat(new UpgradeScenarios().runs("l431-ymodem")).isTrue();
    }
}
