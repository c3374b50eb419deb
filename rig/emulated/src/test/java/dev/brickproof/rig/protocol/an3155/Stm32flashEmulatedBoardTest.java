package dev.brickproof.rig.protocol.an3155;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.emulator.RealTimeRunner;
import dev.brickproof.rig.link.pty.PseudoTerminal;
import dev.brickproof.rig.link.pty.TtyLink;
import dev.brickproof.rig.protocol.PeerProcess;
import dev.brickproof.rig.time.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/**
 * stm32flash 0.7 and our AN3155 client against the whole emulated board in real time (its system-memory
 * loader entered with BOOT0 high and a reset), USART1 joined to a pty: the wire model paces 8E1 bytes at
 * 115200, so this is as close to a real blue pill on a USB adapter as the rig gets without hardware.
 */
public class Stm32flashEmulatedBoardTest {

    /** Minimal pty ↔ USART1 join (the rig's own bridge is internal to the emulated rig). */
    static final class Wire implements AutoCloseable {
        final PseudoTerminal pty = PseudoTerminal.open();
        private final LinkedBlockingQueue<Byte> toHost = new LinkedBlockingQueue<>();
        private volatile boolean running = true;
        private final Thread in;
        private final Thread out;

        Wire(EmulatedBoard board) {
            board.usart1().onTransmit(b -> toHost.add((byte) b));
            in = new Thread(() -> {
                byte[] buf = new byte[16];
                while (running) {
                    if (board.usart1().pendingToBoard() > 16) {
                        sleep(1);
                        continue;
                    }
                    int n = pty.read(buf, 0, buf.length, Duration.ofMillis(20));
                    if (n > 0) {
                        board.usart1().send(java.util.Arrays.copyOf(buf, n));
                    }
                }
            }, "pty-to-board");
            out = new Thread(() -> {
                while (running) {
                    try {
                        Byte b = toHost.poll(20, TimeUnit.MILLISECONDS);
                        if (b != null) {
                            pty.write(new byte[] {b}, 0, 1, Duration.ofSeconds(2));
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "board-to-pty");
            in.setDaemon(true);
            out.setDaemon(true);
            in.start();
            out.start();
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            in.join(500);
            out.join(500);
            pty.close();
        }
    }

    private static void enterRomLoader(RealTimeRunner runner) throws InterruptedException {
        runner.call(b -> {
            b.setBoot0(true);
            b.setResetAsserted(true);
            return null;
        });
        Thread.sleep(5);
        runner.call(b -> {
            b.setResetAsserted(false);
            return null;
        });
        Thread.sleep(20);
    }

    @Test
    public void stm32flashWritesAndOurClientReadsBackThroughTheEmulatedBoardsRomLoader() throws Exception {
        PeerProcess.require("stm32flash", "stm32flash");
        byte[] data = new byte[6 * 1024 + 4];
        new Random(7).nextBytes(data);
        Path dir = Files.createTempDirectory("stm32flash-board");
        Files.write(dir.resolve("image.bin"), data);
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(Chip.STM32F103C8));
        try (Wire wire = new Wire(board); RealTimeRunner runner = RealTimeRunner.start(board, "board-rt")) {
            runner.call(b -> {
                b.setPower(true);
                return null;
            });
            enterRomLoader(runner);
            try (PeerProcess writer = PeerProcess.start(List.of("stm32flash", "-b", "115200", "-m", "8n1", "-w",
                    "image.bin", "-v", "-S", "0x08000000", wire.pty.slavePath().toString()), dir)) {
                assertThat(writer.await(Duration.ofSeconds(60))).as("stm32flash output:\n%s", writer.log()).isZero();
                assertThat(writer.log()).contains("Wrote and verified");
            }
            byte[] flash = runner.call(b -> b.readMemory(0x0800_0000, data.length));
            assertThat(flash).isEqualTo(data);
            enterRomLoader(runner);
            try (TtyLink link = TtyLink.open(wire.pty.slavePath());
                 An3155Client rom = new An3155Client(link, null, null, Chip.STM32F103C8, An3155Options.defaults(),
                         null)) {
                Deadline d = link.clock().deadlineAfter(Duration.ofSeconds(30), "read back");
                assertThat(rom.connect(d).productId()).isEqualTo(0x410);
                assertThat(rom.read(0x0800_0000, data.length, d)).isEqualTo(data);
            }
        }
    }
}
