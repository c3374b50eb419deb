package dev.brickproof.rig.update;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.TransferProgress;
import java.time.Duration;

/** Streams raw bytes in chunks, with optional pacing between chunks, reporting progress. */
final class RawStream {
    private RawStream() { }

    static void send(ByteLink link, byte[] data, int chunk, Duration pacing, ProgressListener progress) {
        Duration start = link.clock().now();
        for (int off = 0; off < data.length; off += chunk) {
            int n = Math.min(chunk, data.length - off);
            link.write(data, off, n);
            progress.progress(new TransferProgress("write", off + n, data.length, off / chunk + 1,
                    link.clock().now().minus(start)));
            if (!pacing.isZero()) {
                link.clock().pause(pacing);
            } else {
                // the line takes chunk * 10 bit times anyway; let the wire drain so progress means "on the wire"
                link.clock().pause(Duration.ofNanos(n * 10L * 1_000_000_000L / 115_200));
            }
        }
    }
}
