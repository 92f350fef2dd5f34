package io.eobatch.raster.tiff;

import io.eobatch.raster.GridGeometry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A small, strict reader of the COGs that {@link CogWriter} writes, for tests only: little-endian classic TIFF,
 * one sample per pixel, tiled, compression 1 or 8, predictors 1, 2 and 3. It exposes the raw structure (IFD
 * offsets, tags, tile offsets) so that tests can check the COG layout, and decodes levels so that tests can
 * compare pixels and GDAL checksums without GDAL. It is deliberately independent of the writer's code.
 */
public final class CogTestReader {

    /** One IFD: its offset in the file and its tags (numeric values as double[], ASCII as String). */
    public record Ifd(long offset, Map<Integer, Object> tags) {

        public double[] numbers(int tag) {
            Object v = tags.get(tag);
            if (!(v instanceof double[] d)) {
                throw new IllegalStateException("tag " + tag + " missing or not numeric in IFD at " + offset);
            }
            return d;
        }

        public int integer(int tag, int defaultValue) {
            Object v = tags.get(tag);
            return v == null ? defaultValue : (int) ((double[]) v)[0];
        }

        public int width() {
            return integer(256, -1);
        }

        public int height() {
            return integer(257, -1);
        }

        public int tileWidth() {
            return integer(322, -1);
        }

        public int tileHeight() {
            return integer(323, -1);
        }

        public int bitsPerSample() {
            return integer(258, 1);
        }

        public int sampleFormat() {
            return integer(339, 1);
        }

        public int compression() {
            return integer(259, 1);
        }

        public int predictor() {
            return integer(317, 1);
        }

        public int newSubfileType() {
            return integer(254, 0);
        }

        public long[] tileOffsets() {
            return toLongs(numbers(324));
        }

        public long[] tileByteCounts() {
            return toLongs(numbers(325));
        }

        public String ascii(int tag) {
            Object v = tags.get(tag);
            return v instanceof String s ? s : null;
        }

        private static long[] toLongs(double[] d) {
            long[] l = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                l[i] = (long) d[i];
            }
            return l;
        }
    }

    private final byte[] file;
    private final ByteBuffer buf;
    private final List<Ifd> ifds = new ArrayList<>();
    private final String ghost;

    private CogTestReader(byte[] file) {
        this.file = file;
        this.buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 8 || file[0] != 'I' || file[1] != 'I' || buf.getShort(2) != 42) {
            throw new IllegalArgumentException("not a little-endian classic TIFF");
        }
        String prefix = "GDAL_STRUCTURAL_METADATA_SIZE=";
        String head = new String(file, 8, Math.min(file.length - 8, 43), StandardCharsets.US_ASCII);
        if (head.startsWith(prefix)) {
            int size = Integer.parseInt(head.substring(prefix.length(), prefix.length() + 6));
            ghost = new String(file, 8, 43 + size, StandardCharsets.US_ASCII);
        } else {
            ghost = null;
        }
        long off = buf.getInt(4) & 0xFFFFFFFFL;
        while (off != 0) {
            if (ifds.size() > 64) {
                throw new IllegalStateException("IFD loop");
            }
            ifds.add(readIfd(off));
            int n = buf.getShort((int) off) & 0xFFFF;
            off = buf.getInt((int) off + 2 + 12 * n) & 0xFFFFFFFFL;
        }
    }

    public static CogTestReader read(Path path) throws IOException {
        return new CogTestReader(Files.readAllBytes(path));
    }

    public static CogTestReader of(byte[] bytes) {
        return new CogTestReader(bytes);
    }

    public byte[] bytes() {
        return file;
    }

    /** The GDAL ghost header (from "GDAL_STRUCTURAL_METADATA_SIZE=" to its declared end), or null. */
    public String ghostHeader() {
        return ghost;
    }

    public List<Ifd> ifds() {
        return Collections.unmodifiableList(ifds);
    }

    private Ifd readIfd(long off) {
        int p = (int) off;
        int n = buf.getShort(p) & 0xFFFF;
        Map<Integer, Object> tags = new TreeMap<>();
        int lastTag = -1;
        for (int i = 0; i < n; i++) {
            int e = p + 2 + 12 * i;
            int tag = buf.getShort(e) & 0xFFFF;
            if (tag <= lastTag) {
                throw new IllegalStateException("tags not ascending in IFD at " + off + ": " + tag + " after " + lastTag);
            }
            lastTag = tag;
            int type = buf.getShort(e + 2) & 0xFFFF;
            int count = buf.getInt(e + 4);
            int size = switch (type) {
                case 1, 2, 6, 7 -> 1;
                case 3, 8 -> 2;
                case 4, 9, 11 -> 4;
                case 5, 10, 12 -> 8;
                default -> throw new IllegalStateException("unknown field type " + type + " of tag " + tag);
            };
            int valuePos = size * count <= 4 ? e + 8 : buf.getInt(e + 8);
            if (size * count > 4 && (valuePos & 1) != 0) {
                throw new IllegalStateException("value of tag " + tag + " not word-aligned");
            }
            if (type == 2) {
                String s = new String(file, valuePos, count, StandardCharsets.US_ASCII);
                tags.put(tag, s.endsWith("\0") ? s.substring(0, s.length() - 1) : s);
                continue;
            }
            double[] v = new double[count];
            for (int k = 0; k < count; k++) {
                int q = valuePos + k * size;
                v[k] = switch (type) {
                    case 1, 7 -> file[q] & 0xFF;
                    case 6 -> file[q];
                    case 3 -> buf.getShort(q) & 0xFFFF;
                    case 8 -> buf.getShort(q);
                    case 4 -> buf.getInt(q) & 0xFFFFFFFFL;
                    case 9 -> buf.getInt(q);
                    case 11 -> buf.getFloat(q);
                    case 12 -> buf.getDouble(q);
                    default -> throw new IllegalStateException("rational tags not supported: " + tag);
                };
            }
            tags.put(tag, v);
        }
        return new Ifd(off, tags);
    }

    /** The full-resolution grid from ModelPixelScale + ModelTiepoint (or ModelTransformation) and the GeoKeys. */
    public GridGeometry grid() {
        Ifd ifd = ifds.get(0);
        double originX;
        double originY;
        double sx;
        double sy;
        if (ifd.tags().containsKey(34264)) {
            double[] m = ifd.numbers(34264);
            sx = m[0];
            originX = m[3];
            sy = m[5];
            originY = m[7];
        } else {
            double[] scale = ifd.numbers(33550);
            double[] tie = ifd.numbers(33922);
            sx = scale[0];
            sy = -scale[1];
            originX = tie[3] - tie[0] * sx;
            originY = tie[4] - tie[1] * sy;
        }
        return new GridGeometry(epsg(), ifd.width(), ifd.height(), originX, originY, sx, sy);
    }

    /** GeoKeys of the first IFD as key id -> value (SHORT values only). */
    public Map<Integer, Integer> geoKeys() {
        double[] d = ifds.get(0).numbers(34735);
        Map<Integer, Integer> keys = new TreeMap<>();
        int n = (int) d[3];
        for (int i = 1; i <= n; i++) {
            if (d[4 * i + 1] != 0) {
                throw new IllegalStateException("GeoKey " + (int) d[4 * i] + " is not an inline SHORT");
            }
            keys.put((int) d[4 * i], (int) d[4 * i + 3]);
        }
        return keys;
    }

    public int epsg() {
        Map<Integer, Integer> keys = geoKeys();
        Integer projected = keys.get(3072);
        return projected != null ? projected : keys.getOrDefault(2048, 0);
    }

    /** GDAL_NODATA as a number, or null. */
    public Double nodata() {
        String s = ifds.get(0).ascii(42113);
        if (s == null) {
            return null;
        }
        return s.trim().equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s.trim());
    }

    /** Decodes level {@code ifdIndex} (0 = full resolution) as doubles, row-major. */
    public double[] decode(int ifdIndex) {
        Ifd ifd = ifds.get(ifdIndex);
        int w = ifd.width();
        int h = ifd.height();
        int tw = ifd.tileWidth();
        int th = ifd.tileHeight();
        int bytes = ifd.bitsPerSample() / 8;
        int format = ifd.sampleFormat();
        int predictor = ifd.predictor();
        long[] offsets = ifd.tileOffsets();
        long[] counts = ifd.tileByteCounts();
        int across = (w + tw - 1) / tw;
        int down = (h + th - 1) / th;
        if (offsets.length != across * down || counts.length != offsets.length) {
            throw new IllegalStateException("IFD " + ifdIndex + ": " + offsets.length + " tiles, expected " + across * down);
        }
        double[] out = new double[w * h];
        for (int ty = 0; ty < down; ty++) {
            for (int tx = 0; tx < across; tx++) {
                int t = ty * across + tx;
                byte[] raw = tileBytes(ifd, offsets[t], counts[t], tw * th * bytes);
                ByteBuffer tb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                for (int r = 0; r < th; r++) {
                    int rowStart = r * tw * bytes;
                    undoPredictor(raw, rowStart, tw, bytes, predictor);
                    int y = ty * th + r;
                    if (y >= h) {
                        continue;
                    }
                    for (int c = 0; c < tw; c++) {
                        int x = tx * tw + c;
                        if (x >= w) {
                            continue;
                        }
                        int q = rowStart + c * bytes;
                        out[y * w + x] = switch (bytes * 10 + format) {
                            case 11 -> raw[q] & 0xFF;
                            case 12 -> raw[q];
                            case 21 -> tb.getShort(q) & 0xFFFF;
                            case 22 -> tb.getShort(q);
                            case 41 -> tb.getInt(q) & 0xFFFFFFFFL;
                            case 42 -> tb.getInt(q);
                            case 43 -> tb.getFloat(q);
                            case 83 -> tb.getDouble(q);
                            default -> throw new IllegalStateException("unsupported sample " + bytes + " bytes format " + format);
                        };
                    }
                }
            }
        }
        return out;
    }

    private byte[] tileBytes(Ifd ifd, long offset, long count, int expected) {
        byte[] stored = new byte[(int) count];
        System.arraycopy(file, (int) offset, stored, 0, (int) count);
        if (ifd.compression() == 1) {
            if (stored.length != expected) {
                throw new IllegalStateException("uncompressed tile of " + stored.length + " bytes, expected " + expected);
            }
            return stored;
        }
        if (ifd.compression() != 8 && ifd.compression() != 32946) {
            throw new IllegalStateException("unsupported compression " + ifd.compression());
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            ByteArrayOutputStream out = new ByteArrayOutputStream(expected);
            byte[] chunk = new byte[65536];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("truncated DEFLATE tile at " + offset);
                }
                out.write(chunk, 0, n);
            }
            byte[] raw = out.toByteArray();
            if (raw.length != expected) {
                throw new IllegalStateException("tile at " + offset + " inflates to " + raw.length + " bytes, expected " + expected);
            }
            return raw;
        } catch (DataFormatException e) {
            throw new IllegalStateException("bad DEFLATE tile at " + offset, e);
        } finally {
            inflater.end();
        }
    }

    private static void undoPredictor(byte[] raw, int start, int width, int bytes, int predictor) {
        switch (predictor) {
            case 1 -> {
            }
            case 2 -> {
                for (int c = 1; c < width; c++) {
                    int prev = start + (c - 1) * bytes;
                    int cur = start + c * bytes;
                    int carry = 0;
                    for (int b = 0; b < bytes; b++) { // little-endian add with carry = add modulo 2^(8*bytes)
                        int s = (raw[cur + b] & 0xFF) + (raw[prev + b] & 0xFF) + carry;
                        raw[cur + b] = (byte) s;
                        carry = s >>> 8;
                    }
                }
            }
            case 3 -> {
                int n = width * bytes;
                byte[] planes = new byte[n];
                System.arraycopy(raw, start, planes, 0, n);
                for (int i = 1; i < n; i++) {
                    planes[i] = (byte) (planes[i] + planes[i - 1]);
                }
                for (int c = 0; c < width; c++) {
                    for (int b = 0; b < bytes; b++) { // plane b is byte b from the most significant one
                        raw[start + c * bytes + (bytes - 1 - b)] = planes[b * width + c];
                    }
                }
            }
            default -> throw new IllegalStateException("unsupported predictor " + predictor);
        }
    }

    /** GDAL's checksum of level {@code ifdIndex} (what {@code gdalinfo -checksum} prints). */
    public int gdalChecksum(int ifdIndex) {
        Ifd ifd = ifds.get(ifdIndex);
        return gdalChecksum(decode(ifdIndex), ifd.sampleFormat() == 3);
    }

    /**
     * GDALChecksumImage over a whole band: the sum over pixels, in row-major order, of value % prime with the
     * primes 7, 11, ..., 43 cycling, kept to 16 bits. Floating-point values are first converted as GDAL does
     * (NaN/inf -> 0x80000000, else floor(v + 0.5) clamped to int).
     */
    public static int gdalChecksum(double[] values, boolean floating) {
        int[] primes = {7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43};
        int checksum = 0;
        int prime = 0;
        for (double v : values) {
            int iv;
            if (floating) {
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    iv = 0x80000000;
                } else {
                    double d = v + 0.5;
                    iv = d < -2147483647.0 ? -2147483647 : d > 2147483647.0 ? 2147483647 : (int) Math.floor(d);
                }
            } else {
                iv = (int) v;
            }
            checksum += iv % primes[prime++];
            if (prime > 10) {
                prime = 0;
            }
            checksum &= 0xFFFF;
        }
        return checksum;
    }
}
