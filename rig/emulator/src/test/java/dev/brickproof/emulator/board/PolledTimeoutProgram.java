package dev.brickproof.emulator.board;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-assembled F103 program with the shape of the fixture bootloaders' {@code uart_getc(timeout)}: it polls
 * USART1 SR and counts milliseconds by reading SysTick COUNTFLAG (interrupt off), keeping the count in a register
 * so the loop stores nothing. A byte received is echoed; 100 ms without one sends {@code 'T'}. Either restarts
 * the wait. Source (arm-none-eabi-as, Cortex-M3):
 *
 * <pre>
 *     .word 0x20002000, reset + 1
 * reset: ldr r0, =0x40013800 ; ldr r1, =0xE000E010
 *     movs r2, #69 ; str r2, [r0, #8]          @ BRR: 115200 at 8 MHz
 *     movw r2, #0x200C ; str r2, [r0, #12]     @ CR1: UE | TE | RE
 *     movw r2, #7999 ; str r2, [r1, #4]        @ SysTick 1 ms
 *     movs r2, #0 ; str r2, [r1, #8]
 *     movs r2, #5 ; str r2, [r1, #0]           @ enabled, processor clock, no interrupt
 * wait: movs r4, #0
 * poll: ldr r2, [r0, #0] ; lsls r3, r2, #26 ; bmi got      @ RXNE
 *     ldr r3, [r1, #0] ; lsls r3, r3, #15 ; bpl poll       @ COUNTFLAG (cleared by the read)
 *     adds r4, #1 ; cmp r4, #100 ; bne poll
 *     movs r2, #'T' ; str r2, [r0, #4] ; b wait
 * got: ldr r2, [r0, #4] ; str r2, [r0, #4] ; b wait
 * </pre>
 */
final class PolledTimeoutProgram {
    static final Duration TIMEOUT = Duration.ofMillis(100);
    private static final String IMAGE = "00200020090000000e480f494522826042f20c02c26041f63f724a6000228a6005220a60"
            + "00240268930608d40b68db03f9d50134642cf6d154224260f2e742684260efe70038014010e000e0";
    /** Offset of {@code movs r2, #5} (the SysTick enable). */
    private static final int SYSTICK_ENABLE = 0x20;

    /** Virtual time and value of every byte the board transmitted (recorded on the board's thread). */
    record Sent(Duration at, int value) { }

    final EmulatedBoard board;
    final List<Sent> sent = new CopyOnWriteArrayList<>();

    /** With {@code sysTick} false the SysTick stays off: a pure USART polling loop that only echoes. */
    PolledTimeoutProgram(BoardOptions options, boolean sysTick) {
        if (options.chip() != Chip.STM32F103C8) {
            throw new IllegalArgumentException("the polled-timeout program is F103 code (USART1 SR/DR layout)");
        }
        byte[] image = HexFormat.of().parseHex(IMAGE);
        if (!sysTick) {
            image[SYSTICK_ENABLE] = 0; // movs r2, #0
        }
        board = EmulatedBoard.create(options);
        board.programFlash(0x0800_0000, image);
        board.usart1().onTransmit(b -> sent.add(new Sent(board.now(), b)));
    }

    PolledTimeoutProgram(BoardOptions options) {
        this(options, true);
    }

    List<Sent> timeouts() {
        return sent.stream().filter(s -> s.value() == 'T').toList();
    }

    String text() {
        StringBuilder b = new StringBuilder();
        sent.forEach(s -> b.append((char) s.value()));
        return b.toString();
    }
}
