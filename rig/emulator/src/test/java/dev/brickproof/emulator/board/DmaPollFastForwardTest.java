package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.Chip;
import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.emulator.EmulatedBoard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.testng.annotations.Test;

/**
 * Idle fast-forward over a loop that polls a DMA register: a hand-assembled F103 program receives into an 8-byte
 * circular DMA buffer and waits for DMA1_CNDTR5 to move (no interrupts, no stores while waiting), then echoes the
 * byte the DMA wrote to SRAM. Fast-forward must skip the wait (CNDTR is a pollable register) and never past a
 * transfer: every echo leaves within one iteration of the poll loop (5 cycles, 625 ns at 8 MHz; a skipped loop
 * resumes at its poll, not in the phase it would have had) of the time it leaves without fast-forward. Source
 * (arm-none-eabi-as, Cortex-M3, linked at 0x0800_0000):
 *
 * <pre>
 *     .word 0x20002000, reset + 1
 * reset: ldr r0, =0x40021000 ; movs r1, #0x15 ; str r1, [r0, #0x14]   @ AHBENR: DMA1EN (+ SRAM, FLITF)
 *     movw r1, #0x4004 ; str r1, [r0, #0x18]                          @ APB2ENR: USART1EN | IOPAEN
 *     ldr r0, =0x40010804 ; ldr r1, =0x444444B4 ; str r1, [r0]        @ GPIOA_CRH: PA9 AF push-pull
 *     ldr r0, =0x40013800 ; movs r1, #69 ; str r1, [r0, #8]           @ USART1 BRR: 115200 at 8 MHz
 *     movw r1, #0x200C ; str r1, [r0, #12]                            @ CR1: UE | TE | RE
 *     ldr r4, =0x40020058 ; adds r1, r0, #4 ; str r1, [r4, #8]        @ DMA1 channel 5: CPAR = &DR
 *     ldr r7, =0x20000100 ; str r7, [r4, #12]                         @ CMAR
 *     movs r1, #8 ; str r1, [r4, #4]                                  @ CNDTR = 8
 *     movs r1, #0xA1 ; str r1, [r4, #0]                               @ CCR: MINC | CIRC | EN
 *     movs r1, #0x40 ; str r1, [r0, #0x14]                            @ USART1 CR3: DMAR
 *     movs r6, #8                                                     @ CNDTR last seen
 * poll: ldr r2, [r4, #4] ; cmp r2, r6 ; beq poll                      @ wait for the DMA to move
 *     movs r3, #8 ; subs r3, r3, r6 ; ldrb r3, [r7, r3] ; str r3, [r0, #4]   @ echo buffer[8 - last]
 *     subs r6, #1 ; bne poll ; movs r6, #8 ; b poll
 * </pre>
 */
public class DmaPollFastForwardTest {
    private static final String IMAGE = "002000200900000812481521416144f20401816110481149016011484521816042f20c01c1600f4c"
            + "011da1600e4fe76008216160a12121604021416108266268b242fcd008239b1bfb5c4360013ef6d10826f4e70010024004080140"
            + "b4444444003801405800024000010020";

    private record Sent(Duration at, int value) { }

    private record Run(List<Sent> sent, long instructions) { }

    private static Run run(boolean fastForward) {
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(Chip.STM32F103C8).withIdleFastForward(fastForward));
        board.programFlash(0x0800_0000, HexFormat.of().parseHex(IMAGE));
        List<Sent> sent = new CopyOnWriteArrayList<>();
        board.usart1().onTransmit(b -> sent.add(new Sent(board.now(), b)));
        board.setPower(true);
        board.runFor(Duration.ofMillis(5));
        board.usart1().send("circular".getBytes(StandardCharsets.ISO_8859_1));
        board.runFor(Duration.ofMillis(20));
        board.usart1().send("DMA-wrap".getBytes(StandardCharsets.ISO_8859_1));
        board.runFor(Duration.ofMillis(20));
        board.usart1().send("ok".getBytes(StandardCharsets.ISO_8859_1));
        board.runFor(Duration.ofMillis(20));
        assertThat(board.report().events()).noneMatch(e -> e.kind().startsWith("dma-") || e.kind().contains("fault"));
        return new Run(sent, board.instructions());
    }

    @Test
    public void aLoopPollingCndtrIsSkippedButNeverPastATransfer() {
        Run fast = run(true);
        Run slow = run(false);
        StringBuilder text = new StringBuilder();
        fast.sent().forEach(s -> text.append((char) s.value()));
        assertThat(text.toString()).isEqualTo("circularDMA-wrapok");
        assertThat(fast.sent()).hasSameSizeAs(slow.sent());
        for (int i = 0; i < slow.sent().size(); i++) {
            Sent f = fast.sent().get(i);
            Sent s = slow.sent().get(i);
            assertThat(f.value()).isEqualTo(s.value());
            assertThat(Math.abs(f.at().minus(s.at()).toNanos())).as("echo %d: %s fast, %s without fast-forward", i,
                    f.at(), s.at()).isLessThan(750);
        }
        assertThat(fast.instructions()).as("the CNDTR wait was fast-forwarded (slow: %d)", slow.instructions())
                .isLessThan(slow.instructions() / 20);
    }
}
