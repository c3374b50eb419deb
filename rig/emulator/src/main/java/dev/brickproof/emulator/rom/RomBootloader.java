package dev.brickproof.emulator.rom;

import dev.brickproof.api.Chip;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * The STM32 system-memory USART bootloader (AN3155) as a byte-driven state machine. Active when a board
 * resets with BOOT0 high; the board feeds it the bytes arriving at USART1 RX and lets virtual time pass.
 *
 * <p>Contract used by the board (keep it): {@link #reset()} at every reset into system memory;
 * {@link #receive(int, Duration)} for every RX byte; {@link #advance(Duration)} whenever time passes, so
 * responses delayed by flash busy time go out when due; {@link #nextDue()} for idle fast-forward.
 *
 * <p>Behaviour modelled (AN3155, fact sheet §3): autobaud on 0x7F → ACK (0x79), other bytes before it are
 * ignored; every command is a code plus its complement, a bad pair or an unknown code gets NACK (0x1F), so a
 * second 0x7F after sync is NACKed (stm32flash's re-sync check). Get answers the loader version and command
 * list: F1 loader v2.2 with Erase (0x43), L4 loader v3.1 with Extended Erase (0x44). Get Version adds two
 * option bytes (0x00 0x00); Get ID returns the chip's PID. Read/Write Memory carry at most 256 bytes with
 * XOR checksums; writes need a 4-byte-aligned address. Erase and Extended Erase take page lists or the mass
 * erase codes (0xFF 0x00 / 0xFFFF 0x00). Go ACKs and hands the core to {@link RomTarget#go(int)}; the loader
 * then ignores bytes until {@link #reset()}. Write Unprotect and Readout Unprotect ACK twice and reset the
 * loader (Readout Unprotect mass-erases first); Write Protect and Readout Protect are refused (NACK).
 * Whatever the {@link RomTarget} refuses (null) is NACKed; the final ACK of a flash write or erase is sent
 * only after the busy time the target returns. Responses leave in order through {@link RomTarget#transmit}.
 */
public final class RomBootloader {
    public static final int ACK = 0x79;
    public static final int NACK = 0x1F;
    public static final int SYNC = 0x7F;

    public static final int GET = 0x00;
    public static final int GET_VERSION = 0x01;
    public static final int GET_ID = 0x02;
    public static final int READ_MEMORY = 0x11;
    public static final int GO = 0x21;
    public static final int WRITE_MEMORY = 0x31;
    public static final int ERASE = 0x43;
    public static final int EXTENDED_ERASE = 0x44;
    public static final int WRITE_PROTECT = 0x63;
    public static final int WRITE_UNPROTECT = 0x73;
    public static final int READOUT_PROTECT = 0x82;
    public static final int READOUT_UNPROTECT = 0x92;

    private enum State {
        WAIT_SYNC, COMMAND, READ_ADDRESS, READ_COUNT, GO_ADDRESS, WRITE_ADDRESS, WRITE_COUNT, WRITE_DATA,
        ERASE_COUNT, ERASE_MASS_CHECK, ERASE_PAGES, EXT_ERASE_COUNT, EXT_ERASE_SPECIAL, EXT_ERASE_PAGES, RUNNING
    }

    private record Pending(Duration due, byte[] bytes) {
    }

    private final RomTarget target;
    private final int version;
    private final boolean extendedErase;
    private final int[] commands;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final byte[] input = new byte[2 + 2 * 65536];
    private State state = State.WAIT_SYNC;
    private int have;
    private int need;
    private int address;
    private int count;
    private Duration lastDue = Duration.ZERO;

    public RomBootloader(RomTarget target) {
        this.target = Objects.requireNonNull(target, "target");
        this.extendedErase = target.chip().family() == Chip.Family.L4;
        this.version = extendedErase ? 0x31 : 0x22;
        this.commands = new int[] {GET, GET_VERSION, GET_ID, READ_MEMORY, GO, WRITE_MEMORY,
            extendedErase ? EXTENDED_ERASE : ERASE, WRITE_PROTECT, WRITE_UNPROTECT, READOUT_PROTECT, READOUT_UNPROTECT};
    }

    public RomTarget target() {
        return target;
    }

    /** The loader version Get and Get Version report (0x22 on F1, 0x31 on L4). */
    public int version() {
        return version;
    }

    /** True once Go has handed the core to the user code (until {@link #reset()}). */
    public boolean exited() {
        return state == State.RUNNING;
    }

    /** True until the 0x7F autobaud byte has been seen. */
    public boolean awaitingSync() {
        return state == State.WAIT_SYNC;
    }

    /** Back to waiting for the 0x7F autobaud byte. */
    public void reset() {
        state = State.WAIT_SYNC;
        have = 0;
        need = 0;
        queue.clear();
        lastDue = Duration.ZERO;
    }

    /** One byte arrived on RX at virtual time {@code now}. */
    public void receive(int value, Duration now) {
        advance(now);
        int b = value & 0xFF;
        switch (state) {
            case RUNNING -> {
                return;
            }
            case WAIT_SYNC -> {
                if (b == SYNC) {
                    state = State.COMMAND;
                    expect(2);
                    send(now, ACK);
                    advance(now);
                }
                return;
            }
            default -> {
            }
        }
        input[have++] = (byte) b;
        if (have < need) {
            return;
        }
        step(now);
        advance(now);
    }

    /** Virtual time is now {@code now}: send any response whose busy time has elapsed. */
    public void advance(Duration now) {
        while (!queue.isEmpty() && queue.peekFirst().due().compareTo(now) <= 0) {
            for (byte out : queue.pollFirst().bytes()) {
                target.transmit(out & 0xFF);
            }
        }
    }

    /** When the next delayed response is due, or null when nothing is pending. */
    public Duration nextDue() {
        return queue.isEmpty() ? null : queue.peekFirst().due();
    }

    private void expect(int bytes) {
        have = 0;
        need = bytes;
    }

    private void command(State next, int bytes, Duration now) {
        state = next;
        expect(bytes);
        send(now, ACK);
    }

    private void nack(Duration now) {
        send(now, NACK);
        state = State.COMMAND;
        expect(2);
    }

    private void done(Duration due, int... bytes) {
        send(due, bytes);
        state = State.COMMAND;
        expect(2);
    }

    private void send(Duration due, int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        sendBytes(due, out);
    }

    private void sendBytes(Duration due, byte[] bytes) {
        Duration at = due.compareTo(lastDue) < 0 ? lastDue : due;
        lastDue = at;
        queue.addLast(new Pending(at, bytes));
    }

    private int u8(int i) {
        return input[i] & 0xFF;
    }

    private boolean supported(int code) {
        for (int c : commands) {
            if (c == code) {
                return true;
            }
        }
        return false;
    }

    private int xor(int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x ^= input[i];
        }
        return x & 0xFF;
    }

    /** Address frame: 4 bytes MSB first and their XOR. */
    private boolean addressOk() {
        if (xor(0, 4) != u8(4)) {
            return false;
        }
        address = (u8(0) << 24) | (u8(1) << 16) | (u8(2) << 8) | u8(3);
        return true;
    }

    private void step(Duration now) {
        switch (state) {
            case COMMAND -> onCommand(now);
            case READ_ADDRESS -> {
                if (addressOk() && target.read(address, 1) != null) {
                    command(State.READ_COUNT, 2, now);
                } else {
                    nack(now);
                }
            }
            case READ_COUNT -> {
                if ((u8(0) ^ u8(1)) != 0xFF) {
                    nack(now);
                    return;
                }
                byte[] data = target.read(address, u8(0) + 1);
                if (data == null) {
                    nack(now);
                    return;
                }
                send(now, ACK);
                sendBytes(now, data);
                state = State.COMMAND;
                expect(2);
            }
            case GO_ADDRESS -> {
                if (addressOk() && target.read(address, 8) != null) {
                    send(now, ACK);
                    advance(now);
                    state = State.RUNNING;
                    target.go(address);
                } else {
                    nack(now);
                }
            }
            case WRITE_ADDRESS -> {
                if (addressOk() && (address & 3) == 0) {
                    command(State.WRITE_COUNT, 1, now);
                } else {
                    nack(now);
                }
            }
            case WRITE_COUNT -> {
                count = u8(0) + 1;
                state = State.WRITE_DATA;
                need = 1 + count + 1; // keep the count byte: it is part of the checksum
            }
            case WRITE_DATA -> {
                if (xor(0, 1 + count) != u8(1 + count)) {
                    nack(now);
                    return;
                }
                Duration busy = target.write(address, Arrays.copyOfRange(input, 1, 1 + count));
                if (busy == null) {
                    nack(now);
                } else {
                    done(now.plus(busy), ACK);
                }
            }
            case ERASE_COUNT -> {
                if (u8(0) == 0xFF) {
                    state = State.ERASE_MASS_CHECK;
                    need = 2;
                } else {
                    count = u8(0) + 1;
                    state = State.ERASE_PAGES;
                    need = 1 + count + 1;
                }
            }
            case ERASE_MASS_CHECK -> {
                if (u8(1) != 0x00) {
                    nack(now);
                    return;
                }
                Duration busy = target.massErase();
                finishErase(now, busy);
            }
            case ERASE_PAGES -> {
                if (xor(0, 1 + count) != u8(1 + count)) {
                    nack(now);
                    return;
                }
                int[] pages = new int[count];
                for (int i = 0; i < count; i++) {
                    pages[i] = u8(1 + i);
                }
                finishErase(now, target.erasePages(pages));
            }
            case EXT_ERASE_COUNT -> {
                int value = (u8(0) << 8) | u8(1);
                if (value >= 0xFFF0) {
                    state = State.EXT_ERASE_SPECIAL;
                    need = 3;
                } else {
                    count = value + 1;
                    state = State.EXT_ERASE_PAGES;
                    need = 2 + 2 * count + 1;
                }
            }
            case EXT_ERASE_SPECIAL -> {
                int value = (u8(0) << 8) | u8(1);
                if ((u8(0) ^ u8(1)) != u8(2) || value != 0xFFFF) {
                    nack(now); // bank erases (0xFFFE/0xFFFD) do not exist on a single-bank part
                    return;
                }
                finishErase(now, target.massErase());
            }
            case EXT_ERASE_PAGES -> {
                if (xor(0, 2 + 2 * count) != u8(2 + 2 * count)) {
                    nack(now);
                    return;
                }
                int[] pages = new int[count];
                for (int i = 0; i < count; i++) {
                    pages[i] = (u8(2 + 2 * i) << 8) | u8(3 + 2 * i);
                }
                finishErase(now, target.erasePages(pages));
            }
            default -> throw new IllegalStateException("unexpected state " + state);
        }
    }

    private void finishErase(Duration now, Duration busy) {
        if (busy == null) {
            nack(now);
        } else {
            done(now.plus(busy), ACK);
        }
    }

    private void onCommand(Duration now) {
        int code = u8(0);
        if ((code ^ u8(1)) != 0xFF || !supported(code)) {
            nack(now);
            return;
        }
        switch (code) {
            case GET -> {
                int[] reply = new int[commands.length + 4];
                reply[0] = ACK;
                reply[1] = commands.length; // bytes that follow minus one: version + commands - 1
                reply[2] = version;
                for (int i = 0; i < commands.length; i++) {
                    reply[3 + i] = commands[i];
                }
                reply[reply.length - 1] = ACK;
                done(now, reply);
            }
            case GET_VERSION -> done(now, ACK, version, 0x00, 0x00, ACK);
            case GET_ID -> {
                int pid = target.chip().productId();
                done(now, ACK, 0x01, (pid >> 8) & 0xFF, pid & 0xFF, ACK);
            }
            case READ_MEMORY -> command(State.READ_ADDRESS, 5, now);
            case GO -> command(State.GO_ADDRESS, 5, now);
            case WRITE_MEMORY -> command(State.WRITE_ADDRESS, 5, now);
            case ERASE -> command(State.ERASE_COUNT, 1, now);
            case EXTENDED_ERASE -> command(State.EXT_ERASE_COUNT, 2, now);
            case WRITE_UNPROTECT -> {
                send(now, ACK, ACK);
                resetAfterReply();
            }
            case READOUT_UNPROTECT -> {
                send(now, ACK);
                Duration busy = target.massErase();
                if (busy == null) {
                    done(now, NACK);
                    return;
                }
                send(now.plus(busy), ACK);
                resetAfterReply();
            }
            default -> nack(now); // Write Protect / Readout Protect: refused, option bytes are not modelled
        }
    }

    /** The loader reloads the option bytes and restarts: the host must sync again. */
    private void resetAfterReply() {
        state = State.WAIT_SYNC;
        have = 0;
        need = 0;
    }
}
