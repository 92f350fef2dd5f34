package io.eobatch.results;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.config.Settings;

/**
 * The free space a step must leave on the file system of the results folder: {@value #KEY} MiB (default
 * {@value #DEFAULT_MB}), read at every check, so it can be changed on a running server (a system property set through
 * the management CLI, {@code /system-property=eobatch.disk.reserve-mb:add(value=...)}). Before an item writes its
 * outputs, and before the last step writes the run's results, the step asks {@link #shortage()}: below the reserve
 * the job stops cleanly with exit status {@value #OUT_OF_DISK} (the item stays to do; a restart after space was freed
 * carries on), instead of finding a full disk by a failed write. Outputs are written through a temporary file and a
 * rename, so a write the disk cut short leaves nothing under a result's name.
 */
@ApplicationScoped
public class DiskReserve {

    /** The config key of the reserve, MiB. */
    public static final String KEY = "eobatch.disk.reserve-mb";
    public static final long DEFAULT_MB = 100;
    /** The exit status of a job stopped for want of disk space. */
    public static final String OUT_OF_DISK = "OUT_OF_DISK";

    @Inject
    ResultsStore store;

    /** The reserve in bytes (a negative or unreadable setting counts as 0: no check). */
    public long reserveBytes() {
        double mb = Settings.decimal(KEY, DEFAULT_MB, Double.NEGATIVE_INFINITY);
        return mb <= 0 || !Double.isFinite(mb) ? 0 : (long) Math.min(Long.MAX_VALUE, mb * 1024 * 1024);
    }

    /** Why there is not enough room for results now (free space and reserve), or empty when there is. */
    public Optional<String> shortage() {
        return shortage(store.root(), reserveBytes());
    }

    /**
     * Why the file system of {@code dir} (or of its nearest existing parent) has less than {@code reserve} bytes free
     * for this process, or empty when it has enough (or the reserve is 0).
     */
    public static Optional<String> shortage(Path dir, long reserve) {
        if (reserve <= 0) {
            return Optional.empty();
        }
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return Optional.empty();
        }
        try {
            FileStore fs = Files.getFileStore(p);
            long free = fs.getUsableSpace();
            if (free >= reserve) {
                return Optional.empty();
            }
            return Optional.of(String.format(Locale.ROOT, "%s MiB free under %s, below the reserve of %s MiB (%s)",
                    mib(free), dir, mib(reserve), KEY));
        } catch (IOException e) {
            return Optional.empty(); // cannot tell: let the write find out
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576d);
    }
}
