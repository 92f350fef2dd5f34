package io.eobatch.raster.tiff;

import io.eobatch.raster.io.ByteSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the IFD chain of a TIFF or BigTIFF file (little or big endian) from a {@link ByteSource}.
 *
 * <p>It first reads a prefix ({@value #DEFAULT_PREFIX} bytes): a COG keeps all its IFDs and tile index arrays there.
 * When an IFD or a tag value lies beyond it, the prefix is grown (doubled, up to {@value #MAX_GROWN_PREFIX} bytes);
 * values further away (a non-cloud-optimised file with its tile index at the end) are read on their own.
 * Only the tags the reader needs are read; other tags' values are never fetched.
 */
public final class TiffParser {

    /** Bytes read first: enough for the headers of a COG with a few overviews. */
    public static final int DEFAULT_PREFIX = 16 * 1024;
    /** The prefix is grown up to this size; values beyond are read separately. */
    public static final int MAX_GROWN_PREFIX = 4 * 1024 * 1024;
    private static final int MAX_IFDS = 1000;

    static final int TAG_NEW_SUBFILE_TYPE = 254;
    static final int TAG_IMAGE_WIDTH = 256;
    static final int TAG_IMAGE_LENGTH = 257;
    static final int TAG_BITS_PER_SAMPLE = 258;
    static final int TAG_COMPRESSION = 259;
    static final int TAG_STRIP_OFFSETS = 273;
    static final int TAG_SAMPLES_PER_PIXEL = 277;
    static final int TAG_ROWS_PER_STRIP = 278;
    static final int TAG_STRIP_BYTE_COUNTS = 279;
    static final int TAG_PLANAR_CONFIGURATION = 284;
    static final int TAG_PREDICTOR = 317;
    static final int TAG_TILE_WIDTH = 322;
    static final int TAG_TILE_LENGTH = 323;
    static final int TAG_TILE_OFFSETS = 324;
    static final int TAG_TILE_BYTE_COUNTS = 325;
    static final int TAG_SAMPLE_FORMAT = 339;
    static final int TAG_MODEL_PIXEL_SCALE = 33550;
    static final int TAG_MODEL_TIEPOINT = 33922;
    static final int TAG_MODEL_TRANSFORMATION = 34264;
    static final int TAG_GEO_KEY_DIRECTORY = 34735;
    static final int TAG_GDAL_NODATA = 42113;

    private static final Set<Integer> WANTED = Set.of(TAG_NEW_SUBFILE_TYPE, TAG_IMAGE_WIDTH, TAG_IMAGE_LENGTH,
            TAG_BITS_PER_SAMPLE, TAG_COMPRESSION, TAG_STRIP_OFFSETS, TAG_SAMPLES_PER_PIXEL, TAG_ROWS_PER_STRIP,
            TAG_STRIP_BYTE_COUNTS, TAG_PLANAR_CONFIGURATION, TAG_PREDICTOR, TAG_TILE_WIDTH, TAG_TILE_LENGTH,
            TAG_TILE_OFFSETS, TAG_TILE_BYTE_COUNTS, TAG_SAMPLE_FORMAT, TAG_MODEL_PIXEL_SCALE, TAG_MODEL_TIEPOINT,
            TAG_MODEL_TRANSFORMATION, TAG_GEO_KEY_DIRECTORY, TAG_GDAL_NODATA);

    private final ByteSource source;
    private final int prefixSize;
    private byte[] prefix;
    private boolean prefixIsWholeFile;
    private ByteOrder order;
    private long headerBytes;

    private TiffParser(ByteSource source, int prefixSize) {
        this.source = source;
        this.prefixSize = prefixSize;
    }

    /** Parses the headers of {@code source}, reading first {@link #DEFAULT_PREFIX} bytes. */
    public static TiffFile parse(ByteSource source) throws IOException {
        return parse(source, DEFAULT_PREFIX);
    }

    /** Parses the headers of {@code source}, reading first {@code prefixSize} bytes. */
    public static TiffFile parse(ByteSource source, int prefixSize) throws IOException {
        return new TiffParser(source, Math.max(16, prefixSize)).run();
    }

    private TiffFile run() throws IOException {
        prefix = source.readPrefix(prefixSize);
        prefixIsWholeFile = prefix.length < prefixSize;
        headerBytes = prefix.length;
        if (prefix.length < 8) {
            throw new IOException(source.name() + ": not a TIFF file (only " + prefix.length + " bytes)");
        }
        if (prefix[0] == 'I' && prefix[1] == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (prefix[0] == 'M' && prefix[1] == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new IOException(source.name() + ": not a TIFF file (byte order mark is not II or MM)");
        }
        ByteBuffer head = at(0, 16 <= prefix.length ? 16 : 8);
        int version = head.getShort(2) & 0xFFFF;
        boolean big;
        long ifdOffset;
        if (version == 42) {
            big = false;
            ifdOffset = head.getInt(4) & 0xFFFFFFFFL;
        } else if (version == 43) {
            big = true;
            if ((head.getShort(4) & 0xFFFF) != 8) {
                throw new IOException(source.name() + ": BigTIFF with offset size " + head.getShort(4) + " (expected 8)");
            }
            ifdOffset = head.getLong(8);
        } else {
            throw new IOException(source.name() + ": not a TIFF file (version " + version + ", expected 42 or 43)");
        }
        List<TiffImage> images = new ArrayList<>();
        TiffFile.GeoTags geo = null;
        Set<Long> seen = new HashSet<>();
        while (ifdOffset != 0) {
            if (!seen.add(ifdOffset) || images.size() >= MAX_IFDS) {
                throw new IOException(source.name() + ": IFD chain loops at offset " + ifdOffset);
            }
            int entrySize = big ? 20 : 12;
            int countSize = big ? 8 : 2;
            ByteBuffer cb = at(ifdOffset, countSize);
            long n = big ? cb.getLong(0) : cb.getShort(0) & 0xFFFF;
            if (n <= 0 || n > 10_000) {
                throw new IOException(source.name() + ": IFD #" + images.size() + " at " + ifdOffset + " has " + n + " entries");
            }
            int nextSize = big ? 8 : 4;
            ByteBuffer ifd = at(ifdOffset + countSize, (int) n * entrySize + nextSize);
            Map<Integer, Object> tags = new HashMap<>();
            for (int i = 0; i < n; i++) {
                int p = i * entrySize;
                int tag = ifd.getShort(p) & 0xFFFF;
                if (!WANTED.contains(tag)) {
                    continue;
                }
                int type = ifd.getShort(p + 2) & 0xFFFF;
                long count = big ? ifd.getLong(p + 4) : ifd.getInt(p + 4) & 0xFFFFFFFFL;
                int size = typeSize(type);
                if (size == 0) {
                    throw new IOException(source.name() + ": IFD #" + images.size() + " tag " + tag + " has unknown type " + type);
                }
                long bytes = count * size;
                if (bytes > Integer.MAX_VALUE) {
                    throw new IOException(source.name() + ": IFD #" + images.size() + " tag " + tag + " too large");
                }
                int inline = big ? 8 : 4;
                ByteBuffer value;
                if (bytes <= inline) {
                    value = ifd.slice(p + (big ? 12 : 8), inline).order(order);
                } else {
                    long off = big ? ifd.getLong(p + 12) : ifd.getInt(p + 8) & 0xFFFFFFFFL;
                    value = at(off, (int) bytes);
                }
                tags.put(tag, decode(type, (int) count, value, tag));
            }
            images.add(image(images.size(), tags));
            if (geo == null) {
                geo = new TiffFile.GeoTags(ints(tags.get(TAG_GEO_KEY_DIRECTORY)), doubles(tags.get(TAG_MODEL_PIXEL_SCALE)),
                        doubles(tags.get(TAG_MODEL_TIEPOINT)), doubles(tags.get(TAG_MODEL_TRANSFORMATION)),
                        tags.get(TAG_GDAL_NODATA) instanceof String s ? s : null);
            }
            ifdOffset = big ? ifd.getLong((int) n * entrySize) : ifd.getInt((int) n * entrySize) & 0xFFFFFFFFL;
        }
        if (images.isEmpty()) {
            throw new IOException(source.name() + ": TIFF without any image (first IFD offset 0)");
        }
        return new TiffFile(order, big, List.copyOf(images), geo, headerBytes);
    }

    private TiffImage image(int index, Map<Integer, Object> tags) throws IOException {
        String where = source.name() + " IFD #" + index;
        int width = (int) required(tags, TAG_IMAGE_WIDTH, where, "ImageWidth");
        int height = (int) required(tags, TAG_IMAGE_LENGTH, where, "ImageLength");
        long subfile = optional(tags, TAG_NEW_SUBFILE_TYPE, 0);
        int spp = (int) optional(tags, TAG_SAMPLES_PER_PIXEL, 1);
        long[] bps = longs(tags.get(TAG_BITS_PER_SAMPLE));
        int bits = bps == null ? 1 : (int) bps[0];
        if (bps != null) {
            for (long b : bps) {
                if (b != bits) {
                    throw new IOException(where + ": BitsPerSample differs between samples " + java.util.Arrays.toString(bps));
                }
            }
        }
        long[] sf = longs(tags.get(TAG_SAMPLE_FORMAT));
        int format = sf == null ? 1 : (int) sf[0];
        int compression = (int) optional(tags, TAG_COMPRESSION, 1);
        int predictor = (int) optional(tags, TAG_PREDICTOR, 1);
        int planar = (int) optional(tags, TAG_PLANAR_CONFIGURATION, 1);
        boolean tiled = tags.containsKey(TAG_TILE_WIDTH);
        int tw;
        int th;
        long[] offsets;
        long[] counts;
        if (tiled) {
            tw = (int) required(tags, TAG_TILE_WIDTH, where, "TileWidth");
            th = (int) required(tags, TAG_TILE_LENGTH, where, "TileLength");
            offsets = longs(tags.get(TAG_TILE_OFFSETS));
            counts = longs(tags.get(TAG_TILE_BYTE_COUNTS));
            if (offsets == null || counts == null) {
                throw new IOException(where + ": tiled image without TileOffsets/TileByteCounts");
            }
        } else {
            tw = width;
            long rps = optional(tags, TAG_ROWS_PER_STRIP, height);
            th = (int) Math.max(1, Math.min(rps, height));
            offsets = longs(tags.get(TAG_STRIP_OFFSETS));
            counts = longs(tags.get(TAG_STRIP_BYTE_COUNTS));
            if (offsets == null || counts == null) {
                throw new IOException(where + ": image without StripOffsets/StripByteCounts");
            }
        }
        if (width <= 0 || height <= 0 || tw <= 0 || th <= 0) {
            throw new IOException(where + ": bad size " + width + "x" + height + " tile " + tw + "x" + th);
        }
        long perPlane = (long) ((width + tw - 1) / tw) * ((height + th - 1) / th);
        long expected = planar == 2 ? perPlane * spp : perPlane;
        if (offsets.length < expected || counts.length < expected) {
            throw new IOException(where + ": " + offsets.length + " offsets and " + counts.length
                    + " byte counts for " + expected + " tiles/strips");
        }
        return new TiffImage(index, subfile, width, height, tiled, tw, th, offsets, counts, compression, predictor,
                bits, format, spp, planar);
    }

    private static long required(Map<Integer, Object> tags, int tag, String where, String name) throws IOException {
        long[] v = longs(tags.get(tag));
        if (v == null || v.length == 0) {
            throw new IOException(where + ": missing " + name + " (tag " + tag + ")");
        }
        return v[0];
    }

    private static long optional(Map<Integer, Object> tags, int tag, long dflt) {
        long[] v = longs(tags.get(tag));
        return v == null || v.length == 0 ? dflt : v[0];
    }

    private static long[] longs(Object o) {
        if (o instanceof long[] l) {
            return l;
        }
        if (o instanceof double[] d) {
            long[] l = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                l[i] = (long) d[i];
            }
            return l;
        }
        return null;
    }

    private static int[] ints(Object o) {
        long[] l = longs(o);
        if (l == null) {
            return null;
        }
        int[] r = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            r[i] = (int) l[i];
        }
        return r;
    }

    private static double[] doubles(Object o) {
        if (o instanceof double[] d) {
            return d;
        }
        if (o instanceof long[] l) {
            double[] d = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                d[i] = l[i];
            }
            return d;
        }
        return null;
    }

    static int typeSize(int type) {
        switch (type) {
            case 1: case 2: case 6: case 7:
                return 1;
            case 3: case 8:
                return 2;
            case 4: case 9: case 11: case 13:
                return 4;
            case 5: case 10: case 12: case 16: case 17: case 18:
                return 8;
            default:
                return 0;
        }
    }

    private Object decode(int type, int count, ByteBuffer b, int tag) throws IOException {
        switch (type) {
            case 2: {
                byte[] s = new byte[count];
                b.get(0, s);
                int len = 0;
                while (len < count && s[len] != 0) {
                    len++;
                }
                return new String(s, 0, len, StandardCharsets.ISO_8859_1);
            }
            case 1: case 7: {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = b.get(i) & 0xFF;
                }
                return v;
            }
            case 6: {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = b.get(i);
                }
                return v;
            }
            case 3: {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = b.getShort(2 * i) & 0xFFFF;
                }
                return v;
            }
            case 8: {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = b.getShort(2 * i);
                }
                return v;
            }
            case 4: case 13: {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = b.getInt(4 * i) & 0xFFFFFFFFL;
                }
                return v;
            }
            case 9: {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = b.getInt(4 * i);
                }
                return v;
            }
            case 16: case 17: case 18: {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = b.getLong(8 * i);
                }
                return v;
            }
            case 11: {
                double[] v = new double[count];
                for (int i = 0; i < count; i++) {
                    v[i] = b.getFloat(4 * i);
                }
                return v;
            }
            case 12: {
                double[] v = new double[count];
                for (int i = 0; i < count; i++) {
                    v[i] = b.getDouble(8 * i);
                }
                return v;
            }
            case 5: {
                double[] v = new double[count];
                for (int i = 0; i < count; i++) {
                    v[i] = (b.getInt(8 * i) & 0xFFFFFFFFL) / (double) (b.getInt(8 * i + 4) & 0xFFFFFFFFL);
                }
                return v;
            }
            case 10: {
                double[] v = new double[count];
                for (int i = 0; i < count; i++) {
                    v[i] = b.getInt(8 * i) / (double) b.getInt(8 * i + 4);
                }
                return v;
            }
            default:
                throw new IOException(source.name() + ": tag " + tag + " has unknown type " + type);
        }
    }

    /** {@code len} bytes at {@code off}, from the prefix (grown if near) or read on their own. */
    private ByteBuffer at(long off, int len) throws IOException {
        long end = off + len;
        if (end > prefix.length && !prefixIsWholeFile && end <= MAX_GROWN_PREFIX) {
            long fileLength = source.length();
            if (end > fileLength) {
                throw new IOException(source.name() + ": header data at " + off + "+" + len + " lies beyond the end ("
                        + fileLength + " bytes)");
            }
            int newLen = (int) Math.min(fileLength, Math.min(MAX_GROWN_PREFIX, Math.max(end, 2L * prefix.length)));
            byte[] more = source.read(prefix.length, newLen - prefix.length);
            headerBytes += more.length;
            byte[] grown = java.util.Arrays.copyOf(prefix, newLen);
            System.arraycopy(more, 0, grown, prefix.length, more.length);
            prefix = grown;
            prefixIsWholeFile = newLen == fileLength;
        }
        if (end <= prefix.length) {
            return ByteBuffer.wrap(prefix, (int) off, len).slice().order(order);
        }
        if (prefixIsWholeFile) {
            throw new IOException(source.name() + ": header data at " + off + "+" + len + " lies beyond the end ("
                    + prefix.length + " bytes)");
        }
        byte[] far = source.read(off, len);
        headerBytes += far.length;
        return ByteBuffer.wrap(far).order(order);
    }
}
