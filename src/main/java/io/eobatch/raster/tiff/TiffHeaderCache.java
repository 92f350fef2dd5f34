package io.eobatch.raster.tiff;

import io.eobatch.raster.io.ByteSource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small bounded LRU of parsed TIFF headers keyed by {@link ByteSource#cacheKey()} (the URL of a remote COG, or a
 * local path with its size and modification time), so that opening the same COG again (next AOI, next window)
 * costs no header request. Sources without a cache key are always parsed.
 */
public final class TiffHeaderCache {

    /** Default number of files whose headers are kept. */
    public static final int DEFAULT_CAPACITY = 256;

    private static final TiffHeaderCache SHARED = new TiffHeaderCache(DEFAULT_CAPACITY);

    private final int capacity;
    private final Map<String, TiffFile> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public TiffHeaderCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TiffFile> eldest) {
                return size() > TiffHeaderCache.this.capacity;
            }
        };
    }

    /** The process-wide cache used by {@link GeoTiffBand#open}. */
    public static TiffHeaderCache shared() {
        return SHARED;
    }

    /** The headers of {@code source}: from the cache, or parsed (and then cached). */
    public TiffFile headers(ByteSource source) throws IOException {
        String key = source.cacheKey();
        if (key != null && capacity > 0) {
            synchronized (entries) {
                TiffFile f = entries.get(key);
                if (f != null) {
                    hits.incrementAndGet();
                    return f;
                }
            }
        }
        misses.incrementAndGet();
        TiffFile parsed = TiffParser.parse(source);
        if (key != null && capacity > 0) {
            synchronized (entries) {
                entries.put(key, parsed);
            }
        }
        return parsed;
    }

    /** Forgets the headers of {@code key} (e.g. after the remote file was replaced). */
    public void invalidate(String key) {
        synchronized (entries) {
            entries.remove(key);
        }
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Lookups answered from the cache. */
    public long hits() {
        return hits.get();
    }

    /** Lookups that parsed the file. */
    public long misses() {
        return misses.get();
    }
}
