package dev.brickproof.rig.protocol.an3155;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.driver.BootModeControl;
import dev.brickproof.rig.driver.ResetControl;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.protocol.DeviceChannel;
import dev.brickproof.rig.protocol.DeviceRejectedException;
import dev.brickproof.rig.protocol.HexDump;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.TransferProgress;
import dev.brickproof.rig.protocol.WrongDeviceException;
import dev.brickproof.rig.time.Deadline;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Host side of the STM32 system-memory USART bootloader (AN3155): the rig's flash loader for provisioning,
 * recovering bricked boards and reading flash back for forensics.
 *
 * <pre>{@code
 * try (An3155Client rom = new An3155Client(link, bootMode, reset, Chip.STM32F103C8, An3155Options.defaults(), l)) {
 *     rom.connect(deadline);                  // BOOT0 high, reset, 0x7F, Get, Get Version, Get ID
 *     rom.eraseRange(0x0800_0000, image.length, deadline);
 *     rom.write(0x0800_0000, image, deadline);
 *     byte[] back = rom.read(0x0800_0000, image.length, deadline);
 * }                                           // BOOT0 low again (next reset boots flash)
 * }</pre>
 *
 * <p>{@code bootMode} and {@code reset} may be null when the board is already in the loader. Every wait is
 * bounded by the caller's {@link Deadline}; NACKs become {@link DeviceRejectedException}, silence
 * {@link RigTimeoutException}, a PID other than the expected chip's {@link WrongDeviceException}.
 */
public final class An3155Client implements AutoCloseable {
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
    /** Largest Read/Write Memory payload. */
    public static final int MAX_BLOCK = 256;

    private final DeviceChannel channel;
    private final ByteLink link;
    private final BootModeControl bootMode;
    private final ResetControl reset;
    private final Chip chip;
    private final An3155Options options;
    private final ProgressListener listener;
    private RomInfo info;

    public An3155Client(ByteLink link, BootModeControl bootMode, ResetControl reset, Chip expectedChip,
                        An3155Options options, ProgressListener listener) {
        this.link = Objects.requireNonNull(link, "link");
        this.channel = new DeviceChannel(link);
        this.bootMode = bootMode;
        this.reset = reset;
        this.chip = Objects.requireNonNull(expectedChip, "expectedChip");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    /** The loader's self-description, once connected. */
    public RomInfo info() {
        return info;
    }

    public Chip chip() {
        return chip;
    }

    /**
     * Enters the ROM bootloader (BOOT0 high + reset, when the pins were given), syncs, and checks that the
     * part is the expected chip. On failure BOOT0 is put back low.
     */
    public RomInfo connect(Deadline deadline) {
        try {
            link.configure(LineSettings.of8E1(options.baud()));
            if (bootMode != null) {
                bootMode.selectRomBootloader();
            }
            if (reset != null) {
                reset.pulse();
            }
            channel.clock().pause(options.settleAfterReset());
            channel.discardInput();
            sync(deadline);
            info = identify(deadline);
            if (info.productId() != chip.productId()) {
                throw new WrongDeviceException(String.format("expected %s (PID 0x%03X) but the ROM bootloader reports "
                        + "PID 0x%03X; check the rig file's chip and the cabling", chip, chip.productId(),
                        info.productId()));
            }
            return info;
        } catch (RuntimeException e) {
            leaveQuietly();
            throw e;
        }
    }

    /** 0x7F until ACK; a NACK means the loader was already synced (stm32flash's re-sync rule). */
    void sync(Deadline deadline) {
        for (int attempt = 0; attempt < options.syncAttempts(); attempt++) {
            channel.write(SYNC);
            int b = channel.poll(deadline.within(options.syncTimeout(), "ACK to 0x7F"));
            if (b == ACK || b == NACK) {
                return;
            }
            if (b < 0) {
                // the 0x7F may have been taken as the first byte of a command: a second one completes a bad pair
                channel.write(SYNC);
                b = channel.poll(deadline.within(options.syncTimeout(), "NACK to a second 0x7F"));
                if (b == NACK || b == ACK) {
                    return;
                }
            }
            if (deadline.expired()) {
                break;
            }
        }
        throw new RigTimeoutException("the ROM bootloader to answer 0x7F (autobaud) on " + link.name()
                + " after " + options.syncAttempts() + " attempts; is BOOT0 high and the board reset?",
                options.syncTimeout().multipliedBy(options.syncAttempts()), channel.lastReceived());
    }

    private RomInfo identify(Deadline deadline) {
        command(GET, "Get", deadline);
        int n = read(deadline, "the length of the Get reply");
        byte[] body = channel.readExactly(n + 1, ack(deadline, "the Get reply"));
        expectAck("the end of the Get reply", deadline);
        int[] commands = new int[n];
        for (int i = 0; i < n; i++) {
            commands[i] = body[1 + i] & 0xFF;
        }
        command(GET_VERSION, "Get Version", deadline);
        byte[] gv = channel.readExactly(3, ack(deadline, "the Get Version reply"));
        expectAck("the end of the Get Version reply", deadline);
        command(GET_ID, "Get ID", deadline);
        int idLength = read(deadline, "the Get ID length") + 1;
        byte[] id = channel.readExactly(idLength, ack(deadline, "the product ID"));
        expectAck("the end of the Get ID reply", deadline);
        int pid = 0;
        for (byte b : id) {
            pid = (pid << 8) | (b & 0xFF);
        }
        return new RomInfo(body[0] & 0xFF, commands, ((gv[1] & 0xFF) << 8) | (gv[2] & 0xFF), pid);
    }

    /**
     * Writes {@code data} at a 4-byte-aligned {@code address} in blocks of up to 256 bytes; the tail is padded
     * with 0xFF to a whole program unit (4 bytes, or the L4's 8-byte double-word).
     */
    public void write(int address, byte[] data, Deadline deadline) {
        requireConnected();
        if ((address & 3) != 0) {
            throw new IllegalArgumentException(String.format("Write Memory needs a 4-byte aligned address, not 0x%08X",
                    address));
        }
        Duration started = channel.clock().now();
        long blocks = 0;
        for (int offset = 0; offset < data.length; offset += MAX_BLOCK) {
            int length = Math.min(MAX_BLOCK, data.length - offset);
            int unit = Math.max(4, chip.programUnit());
            byte[] block = Arrays.copyOfRange(data, offset, offset + ((length + unit - 1) / unit) * unit);
            Arrays.fill(block, length, block.length, (byte) 0xFF);
            writeBlock(address + offset, block, deadline);
            blocks++;
            listener.progress(new TransferProgress("rom write", offset + length, data.length, blocks,
                    channel.since(started)));
        }
    }

    private void writeBlock(int address, byte[] block, Deadline deadline) {
        String what = String.format("Write Memory of %d bytes at 0x%08X", block.length, address);
        for (int attempt = 0; ; attempt++) {
            try {
                command(WRITE_MEMORY, what, deadline);
                sendAddress(address, what, deadline);
                byte[] frame = new byte[block.length + 2];
                frame[0] = (byte) (block.length - 1);
                int x = frame[0];
                System.arraycopy(block, 0, frame, 1, block.length);
                for (byte b : block) {
                    x ^= b;
                }
                frame[frame.length - 1] = (byte) x;
                channel.write(frame);
                expectAck(what + " (data)", deadline, options.writeTimeout());
                return;
            } catch (DeviceRejectedException e) {
                if (attempt >= options.retries()) {
                    throw new DeviceRejectedException(e.getMessage() + " (after " + (attempt + 1) + " tries)");
                }
            }
        }
    }

    /** Reads {@code length} bytes from {@code address} in blocks of up to 256. */
    public byte[] read(int address, int length, Deadline deadline) {
        requireConnected();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        Duration started = channel.clock().now();
        long blocks = 0;
        for (int offset = 0; offset < length; offset += MAX_BLOCK) {
            int n = Math.min(MAX_BLOCK, length - offset);
            out.writeBytes(readBlock(address + offset, n, deadline));
            blocks++;
            listener.progress(new TransferProgress("rom read", offset + n, length, blocks, channel.since(started)));
        }
        return out.toByteArray();
    }

    private byte[] readBlock(int address, int n, Deadline deadline) {
        String what = String.format("Read Memory of %d bytes at 0x%08X", n, address);
        for (int attempt = 0; ; attempt++) {
            try {
                command(READ_MEMORY, what, deadline);
                sendAddress(address, what, deadline);
                channel.write(new byte[] {(byte) (n - 1), (byte) ~(n - 1)});
                expectAck(what + " (length)", deadline);
                return channel.readExactly(n, ack(deadline, what + " (data)"));
            } catch (DeviceRejectedException e) {
                if (attempt >= options.retries()) {
                    throw new DeviceRejectedException(e.getMessage() + " (after " + (attempt + 1) + " tries)");
                }
            }
        }
    }

    /** Erases the pages that cover {@code [address, address + length)}. */
    public void eraseRange(int address, int length, Deadline deadline) {
        int first = (address - chip.flashBase()) / chip.pageSize();
        int last = (address + length - 1 - chip.flashBase()) / chip.pageSize();
        if (first < 0 || last >= chip.pageCount() || length <= 0) {
            throw new IllegalArgumentException(String.format("0x%08X+%d is not inside %s flash", address, length, chip));
        }
        int[] pages = new int[last - first + 1];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = first + i;
        }
        erase(pages, deadline);
    }

    /** Erases the given page numbers (Erase or Extended Erase, as the loader's Get said). */
    public void erase(int[] pages, Deadline deadline) {
        requireConnected();
        int batch = info.extendedErase() ? 512 : 255;
        Duration started = channel.clock().now();
        for (int from = 0; from < pages.length; from += batch) {
            int[] part = Arrays.copyOfRange(pages, from, Math.min(pages.length, from + batch));
            erasePart(part, deadline);
            listener.progress(new TransferProgress("rom erase", from + part.length, pages.length, from + part.length,
                    channel.since(started)));
        }
    }

    private void erasePart(int[] pages, Deadline deadline) {
        String what = "erase of " + pages.length + " pages from page " + pages[0];
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        if (info.extendedErase()) {
            command(EXTENDED_ERASE, "Extended Erase", deadline);
            frame.write((pages.length - 1) >> 8);
            frame.write(pages.length - 1);
            for (int p : pages) {
                frame.write(p >> 8);
                frame.write(p);
            }
        } else {
            command(ERASE, "Erase", deadline);
            frame.write(pages.length - 1);
            for (int p : pages) {
                if (p > 0xFF) {
                    throw new IllegalArgumentException("page " + p + " does not fit the standard Erase command");
                }
                frame.write(p);
            }
        }
        byte[] bytes = frame.toByteArray();
        int x = 0;
        for (byte b : bytes) {
            x ^= b;
        }
        channel.write(bytes);
        channel.write(x & 0xFF);
        expectAck(what, deadline, options.pageEraseTimeout().multipliedBy(pages.length));
    }

    /** Erases all of main flash. */
    public void massErase(Deadline deadline) {
        requireConnected();
        if (info.extendedErase()) {
            command(EXTENDED_ERASE, "Extended Erase", deadline);
            channel.write(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00});
        } else {
            command(ERASE, "Erase", deadline);
            channel.write(new byte[] {(byte) 0xFF, 0x00});
        }
        expectAck("mass erase", deadline, options.massEraseTimeout());
        listener.progress(new TransferProgress("rom mass erase", 0, 0, chip.pageCount(), Duration.ZERO));
    }

    /** Go: the loader sets MSP from [address] and jumps to [address + 4]. The session ends. */
    public void go(int address, Deadline deadline) {
        requireConnected();
        String what = String.format("Go to 0x%08X", address);
        command(GO, what, deadline);
        sendAddress(address, what, deadline);
        info = null;
    }

    /** Puts BOOT0 back low and resets, so the board boots main flash. */
    public void rebootToFlash() {
        if (bootMode != null) {
            bootMode.selectNormalBoot();
        }
        if (reset != null) {
            reset.pulse();
        }
        info = null;
    }

    /** BOOT0 back low (the next reset boots main flash); the board is not reset. */
    @Override
    public void close() {
        leaveQuietly();
        info = null;
    }

    private void leaveQuietly() {
        if (bootMode != null) {
            bootMode.selectNormalBoot();
        }
    }

    private void requireConnected() {
        if (info == null) {
            throw new IllegalStateException("not connected to the ROM bootloader: call connect() first");
        }
    }

    private Deadline ack(Deadline deadline, String what) {
        return deadline.within(options.ackTimeout(), what);
    }

    private int read(Deadline deadline, String what) {
        return channel.read(ack(deadline, what));
    }

    private void command(int code, String name, Deadline deadline) {
        channel.write(new byte[] {(byte) code, (byte) ~code});
        expectAck(name + " (command " + HexDump.byteName(code) + ")", deadline);
    }

    private void sendAddress(int address, String what, Deadline deadline) {
        byte[] frame = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address, 0};
        frame[4] = (byte) (frame[0] ^ frame[1] ^ frame[2] ^ frame[3]);
        channel.write(frame);
        expectAck(what + " (address)", deadline);
    }

    private void expectAck(String what, Deadline deadline) {
        expectAck(what, deadline, options.ackTimeout());
    }

    private void expectAck(String what, Deadline deadline, Duration timeout) {
        Deadline step = deadline.within(timeout, "ACK to " + what);
        int b = channel.poll(step);
        if (b == ACK) {
            return;
        }
        if (b < 0) {
            throw channel.timeout(step);
        }
        if (b == NACK) {
            throw new DeviceRejectedException("the ROM bootloader NACKed " + what + "; " + channel.lastSaid());
        }
        throw new ProtocolException("expected ACK (0x79) to " + what + " but got " + HexDump.byteName(b) + "; "
                + channel.lastSaid());
    }
}
