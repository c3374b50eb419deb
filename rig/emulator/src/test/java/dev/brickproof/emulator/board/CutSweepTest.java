package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.PowerCut;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The harness pattern: record the flash operations of a scenario once, then fork from a snapshot and cut
 * power inside each of them in turn. Every fork replays the same prefix and tears exactly its operation.
 */
public class CutSweepTest {

    @Test(dataProvider = "chips", dataProviderClass = SocFirmwareTest.class)
    public void everyOperationOfAnUpdateCanBeTornFromOneSnapshot(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        EmulatedBoard.Snapshot start = t.board.snapshot();
        long base = t.board.flashOperations().size();
        t.send("g");
        t.await("g done\r\n");
        List<FlashOperation> ops = t.board.flashOperations().subList((int) base, t.board.flashOperations().size());
        assertThat(ops).hasSize(5);
        int page = chip == Chip.STM32F103C8 ? 0x0800_F000 : 0x0803_C000;
        byte[] complete = t.board.readMemory(page, 64);

        byte[] previous = null;
        for (int i = 0; i < ops.size(); i++) {
            t.board.restore(start);
            t.board.armPowerCut(PowerCut.duringFlashOp(i, 0.5));
            t.send("g");
            assertThat(t.board.runUntil(t.board::powerCutFired, Duration.ofSeconds(1))).as("cut in op %d", i).isTrue();
            List<FlashOperation> log = t.board.flashOperations();
            FlashOperation torn = log.get(log.size() - 1);
            assertThat(torn.index()).isEqualTo(ops.get(i).index());
            assertThat(torn.outcome()).isEqualTo(FlashOperation.Outcome.TORN);
            byte[] now = t.board.readMemory(page, 64);
            assertThat(now).isNotEqualTo(complete);
            assertThat(now).isNotEqualTo(previous);
            previous = now;

            // the same fork again: bit-identical
            t.board.restore(start);
            t.board.armPowerCut(PowerCut.duringFlashOp(i, 0.5));
            t.send("g");
            t.board.runUntil(t.board::powerCutFired, Duration.ofSeconds(1));
            assertThat(Arrays.equals(t.board.readMemory(page, 64), now)).as("replay of op %d", i).isTrue();
        }
    }
}
