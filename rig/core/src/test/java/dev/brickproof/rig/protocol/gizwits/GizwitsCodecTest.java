package dev.brickproof.rig.protocol.gizwits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.FrameTooLargeException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class GizwitsCodecTest {
    private final GizwitsCodec codec = new GizwitsCodec();

    /** Decodes a stream the way a client does: skip what is corrupt, keep what is incomplete. */
    private List<GizwitsFrame> decodeAll(byte[] stream, List<String> errors) {
        List<GizwitsFrame> frames = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            try {
                GizwitsCodec.Decoded d = codec.decode(stream, at, stream.length - at);
                if (d instanceof GizwitsCodec.NeedMore) {
                    break;
                }
                frames.add(((GizwitsCodec.Frame) d).frame());
                at += d.consumed();
            } catch (FrameCorruptedException e) {
                errors.add(e.getMessage());
                at += e.skip();
            } catch (FrameTooLargeException e) {
                errors.add("too large: " + e.getMessage());
                at += e.skip();
            }
        }
        return frames;
    }

    @Test
    public void anAckFrameHasTheDocumentedBytesAndSum() {
        byte[] wire = codec.encode(new GizwitsFrame(0x1A, 0x05, new byte[0]));
        // FF FF | 00 05 | 1A | 05 | 00 00 | sum = 00+05+1A+05+00+00 = 0x24
        assertThat(wire).containsExactly(0xFF, 0xFF, 0x00, 0x05, 0x1A, 0x05, 0x00, 0x00, 0x24);
    }

    @Test
    public void every0xFFAfterTheHeaderIsStuffedWith0x55AndDecodesBack() {
        GizwitsFrame frame = new GizwitsFrame(0x1D, 0xFF, 0x00FF, new byte[] {(byte) 0xFF, 1, (byte) 0xFF});
        byte[] wire = codec.encode(frame);
        int stuffed = 0;
        for (int i = 2; i < wire.length - 1; i++) {
            if (wire[i] == (byte) 0xFF) {
                assertThat(wire[i + 1]).isEqualTo((byte) 0x55);
                stuffed++;
            }
        }
        assertThat(stuffed).isEqualTo(4); // sn, flags lo, two payload bytes
        GizwitsCodec.Frame decoded = (GizwitsCodec.Frame) codec.decode(wire, 0, wire.length);
        assertThat(decoded.frame()).isEqualTo(frame);
        assertThat(decoded.consumed()).isEqualTo(wire.length);
    }

    @Test
    public void aSumOfExactly0xFFIsStuffedToo() {
        // find a payload whose sum byte is 0xFF
        for (int v = 0; v < 256; v++) {
            GizwitsFrame f = new GizwitsFrame(0x1E, 1, new byte[] {(byte) v});
            byte[] wire = codec.encode(f);
            if (wire[wire.length - 1] == 0x55 && wire[wire.length - 2] == (byte) 0xFF) {
                assertThat(((GizwitsCodec.Frame) codec.decode(wire, 0, wire.length)).frame()).isEqualTo(f);
                return;
            }
        }
        throw new AssertionError("no payload produced sum 0xFF");
    }

    @Test
    public void everySplitPointSaysNeedMoreWithoutConsuming() {
        byte[] wire = codec.encode(new GizwitsFrame(0x1D, 9, new byte[] {(byte) 0xFF, (byte) 0xFF, 3}));
        for (int cut = 0; cut < wire.length; cut++) {
            assertThat(codec.decode(wire, 0, cut)).as("cut %d", cut).isInstanceOf(GizwitsCodec.NeedMore.class);
        }
    }

    @Test
    public void duplicatedAndReorderedFramesComeOutAsSent() {
        GizwitsFrame a = new GizwitsFrame(0x1E, 2, new byte[0]);
        GizwitsFrame b = new GizwitsFrame(0x1E, 1, new byte[0]);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(codec.encode(a));
        s.writeBytes(codec.encode(a));
        s.writeBytes(codec.encode(b));
        List<String> errors = new ArrayList<>();
        assertThat(decodeAll(s.toByteArray(), errors)).containsExactly(a, a, b);
        assertThat(errors).isEmpty();
    }

    @Test
    public void consoleTextBeforeAFrameIsSkippedAsCorruption() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes("D5: waiting for the P0 OTA start (0x19)\r\n".getBytes());
        GizwitsFrame f = new GizwitsFrame(0x1B, 1, new byte[] {0, 0});
        s.writeBytes(codec.encode(f));
        List<String> errors = new ArrayList<>();
        assertThat(decodeAll(s.toByteArray(), errors)).containsExactly(f);
        assertThat(errors).hasSize(1);
    }

    @Test
    public void aBadSumIsCorruptionAndTheNextFrameStillDecodes() {
        GizwitsFrame f = new GizwitsFrame(0x1E, 3, new byte[0]);
        byte[] bad = codec.encode(new GizwitsFrame(0x1E, 4, new byte[] {1, 2}));
        bad[7] ^= 0x01;
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(bad);
        s.writeBytes(codec.encode(f));
        List<String> errors = new ArrayList<>();
        assertThat(decodeAll(s.toByteArray(), errors)).containsExactly(f);
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("sum"));
    }

    @Test
    public void aTruncatedFrameFollowedByANewHeaderResynchronises() {
        byte[] whole = codec.encode(new GizwitsFrame(0x1D, 1, new byte[20]));
        GizwitsFrame f = new GizwitsFrame(0x1E, 7, new byte[0]);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(whole, 0, 10); // the rest was lost
        s.writeBytes(codec.encode(f));
        List<String> errors = new ArrayList<>();
        List<GizwitsFrame> frames = decodeAll(s.toByteArray(), errors);
        assertThat(frames).containsExactly(f);
        assertThat(errors).isNotEmpty();
    }

    @Test
    public void anOversizedLengthIsItsOwnError() {
        byte[] wire = {(byte) 0xFF, (byte) 0xFF, 0x10, 0x00, 0x1D, 1, 0, 0};
        assertThatThrownBy(() -> new GizwitsCodec(1024).decode(wire, 0, wire.length))
                .isInstanceOf(FrameTooLargeException.class).hasMessageContaining("4096");
    }

    @Test
    public void aLengthBelowTheMinimumIsCorruption() {
        byte[] wire = {(byte) 0xFF, (byte) 0xFF, 0x00, 0x02, 0x1D};
        assertThatThrownBy(() -> codec.decode(wire, 0, wire.length)).isInstanceOf(FrameCorruptedException.class);
    }
}
