package dev.brickproof.rig.protocol.tobudos;

import dev.brickproof.rig.protocol.FrameCorruptedException;
import java.util.ArrayList;
import java.util.List;

/**
 * The D4 KV log replayed in address order (torn slots skipped), as the reference bootloader sees it. Use it
 * to read a board's update state from a flash dump (forensics) or to build KV partitions for tests.
 *
 * @param newVersion    pending {@code new_version} as {major, minor}, or null
 * @param curVersion    {@code cur_version}, or null (the table's initial version applies)
 * @param applying      the version an unfinished apply was started for, or null
 * @param backupPages   pages saved to backup in that apply (ping-pong)
 * @param applyPages    patch steps (blocks rebuilt in the app) done in that apply
 * @param rollingBack   a ping-pong rollback is in progress
 * @param records       the valid records, in order
 * @param tornSlots     slots with a bad CRC (skipped)
 * @param freeSlots     erased slots
 */
public record KvState(int[] newVersion, int[] curVersion, int[] applying, int backupPages, int applyPages,
                      boolean rollingBack, List<KvRecord> records, int tornSlots, int freeSlots) {

    /** Replays the KV partition's bytes; throws nothing for any bytes (torn and cut slots are counted). */
    public static KvState replay(byte[] partition) {
        int[] newVersion = null;
        int[] curVersion = null;
        int[] applying = null;
        int backup = 0;
        int apply = 0;
        boolean rollback = false;
        int torn = 0;
        int free = 0;
        List<KvRecord> records = new ArrayList<>();
        for (int offset = 0; offset + KvRecord.SIZE <= partition.length; offset += KvRecord.SIZE) {
            if (KvRecord.isFree(partition, offset)) {
                free++;
                continue;
            }
            KvRecord r;
            try {
                r = KvRecord.decode(partition, offset);
            } catch (FrameCorruptedException e) { // a torn or cut slot; any other exception is a bug to see
                torn++;
                continue;
            }
            records.add(r);
            switch (r.tag()) {
                case NEW_VERSION -> {
                    newVersion = new int[] {r.major(), r.minor()};
                    applying = null;
                    backup = 0;
                    apply = 0;
                    rollback = false;
                }
                case NEW_DELETED -> {
                    newVersion = null;
                    applying = null;
                    backup = 0;
                    apply = 0;
                    rollback = false;
                }
                case CUR_VERSION -> curVersion = new int[] {r.major(), r.minor()};
                case APPLY_BEGIN -> {
                    applying = new int[] {r.major(), r.minor()};
                    backup = 0;
                    apply = 0;
                }
                case BACKUP_PAGE -> {
                    if (r.arg() == backup) {
                        backup++;
                    }
                }
                case APPLY_PAGE -> {
                    if (r.arg() == apply) {
                        apply++;
                    }
                }
                case ROLLBACK -> rollback = true;
                case STASH_PAGE -> {
                    // the next step's old block is saved; the counters do not move
                }
                default -> throw new IllegalStateException("unhandled tag " + r.tag());
            }
        }
        return new KvState(newVersion, curVersion, applying, backup, apply, rollback, List.copyOf(records), torn, free);
    }

    /**
     * Appends {@code record} as the firmware does: into the slot after the last used (non-erased) one, never
     * into a hole before it; false when the log is full.
     */
    public static boolean append(byte[] partition, KvRecord record) {
        int next = 0;
        for (int offset = 0; offset + KvRecord.SIZE <= partition.length; offset += KvRecord.SIZE) {
            if (!KvRecord.isFree(partition, offset)) {
                next = offset + KvRecord.SIZE;
            }
        }
        if (next + KvRecord.SIZE > partition.length) {
            return false;
        }
        System.arraycopy(record.encode(), 0, partition, next, KvRecord.SIZE);
        return true;
    }

    public boolean updatePending() {
        return newVersion != null;
    }
}
