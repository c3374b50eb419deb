package dev.brickproof.rig.protocol.iap;

import dev.brickproof.rig.protocol.DeviceChannel;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.TransferProgress;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;

/** Streams raw image bytes with {@link Pacing}, reporting progress; never past the deadline. */
public final class RawImageStreamer {
    private RawImageStreamer() {
    }

    public static void stream(DeviceChannel channel, byte[] image, Pacing pacing, Deadline deadline,
                       ProgressListener listener, String phase, Duration started) {
        int offset = 0;
        long chunks = 0;
        while (offset < image.length) {
            if (deadline.expired()) {
                throw channel.timeout(deadline);
            }
            int length = Math.min(pacing.chunkSize(), image.length - offset);
            Duration chunkStart = channel.clock().now();
            channel.write(image, offset, length);
            offset += length;
            chunks++;
            listener.progress(new TransferProgress(phase, offset, image.length, chunks, channel.since(started)));
            if (offset < image.length) {
                Duration due = chunkStart.plus(pacing.wireTime(length)).plus(pacing.gap());
                Duration wait = due.minus(channel.clock().now());
                if (!wait.isNegative() && !wait.isZero()) {
                    Duration left = deadline.remaining();
                    channel.clock().pause(wait.compareTo(left) < 0 ? wait : left);
                }
            }
        }
    }
}
