package io.eobatch.raster.tiff;

import io.eobatch.raster.io.AtomicFiles;

import io.eobatch.raster.GridGeometry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;

/**
 * Writes one band of a {@link GridGeometry} as a Cloud-Optimized GeoTIFF laid out as GDAL's COG driver does.
 *
 * <p><b>Why by hand:</b> no Maven Central library writes COGs without GDAL. {@code mil.nga:tiff} writes plain
 * strip TIFFs only (its {@code TiffWriter} throws "Tiled images are not supported" and writes each IFD right
 * before its own values), Apache SIS and ImageIO write neither overviews as reduced-resolution subfiles nor the
 * IFDs-before-data layout with GDAL's ghost header. The format is small enough to write directly.
 *
 * <p><b>What is written</b> (classic little-endian TIFF, so the file must stay below 4 GiB):
 * <ul>
 *   <li>the 8-byte header, then GDAL's "ghost" structural metadata (not referenced by any IFD):
 *       {@code GDAL_STRUCTURAL_METADATA_SIZE=000140 bytes} followed by {@code LAYOUT=IFDS_BEFORE_DATA},
 *       {@code BLOCK_ORDER=ROW_MAJOR}, {@code BLOCK_LEADER=SIZE_AS_UINT4},
 *       {@code BLOCK_TRAILER=LAST_4_BYTES_REPEATED}, {@code KNOWN_INCOMPATIBLE_EDITION=NO}, byte for byte as
 *       GDAL 3.6 writes it; {@code gdalinfo} then reports {@code LAYOUT=COG};</li>
 *   <li>all IFDs next: the full-resolution image first, then each overview (NewSubfileType = 1) from the largest
 *       to the smallest, each IFD followed by its out-of-line values;</li>
 *   <li>then the tile data, smallest overview first and full resolution last, tiles of one level in row-major
 *       order; each tile is preceded by its byte count as a little-endian uint32 (the "leader") and followed by a
 *       copy of its last 4 bytes (the "trailer"), which lets a reader that fetched a tile by its offset check it
 *       is complete.</li>
 * </ul>
 * Tags: ImageWidth/Length, BitsPerSample, Compression (1 none or 8 DEFLATE/zlib), Photometric MinIsBlack,
 * SamplesPerPixel 1, PlanarConfig 1, Predictor (when not 1), TileWidth/Length, TileOffsets/ByteCounts,
 * SampleFormat, GeoTIFF ModelPixelScale + ModelTiepoint (or ModelTransformation for a south-up grid),
 * GeoKeyDirectory (GTModelType 1 projected with ProjectedCSType = EPSG code, or 2 geographic with
 * GeographicType = EPSG code for codes 4000..4999, such as 4326; GTRasterType 1 PixelIsArea) and GDAL_NODATA
 * (tag 42113, ASCII). Partial edge tiles are written full size, padded with the nodata value (0 without one).
 *
 * <p><b>Predictor:</b> with DEFLATE the default is what GDAL's COG driver chooses for {@code PREDICTOR=YES}:
 * horizontal differencing (2) for integer types and the floating-point predictor (3) for Float32. GDAL (libtiff)
 * reads both 2 and 3 on Float32; 3 compresses floats better, but some Java readers cannot decode it (Apache SIS
 * 1.6), so {@link Predictor#HORIZONTAL} can be chosen for Float32 too (differences of the 32-bit patterns, as
 * libtiff does). Predictors are refused without compression (libtiff ignores them there).
 *
 * <p><b>Overviews:</b> each level halves the previous one (size {@code ceil(n / 2)}) until the level fits in
 * one tile. {@link Resampling#NEAREST} keeps the top-left pixel of each 2x2 block (for categorical bands
 * such as SCL); {@link Resampling#AVERAGE} takes the mean of the pixels of the block that exist and are not
 * nodata/NaN, rounded half up for integer types (moved by one when it would equal nodata), and nodata when none
 * is valid.
 *
 * <p>Instances are immutable and thread-safe; the {@code with*} methods return modified copies. Output is
 * deterministic (the same samples give the same bytes with the same zlib). Files are written atomically:
 * to a temporary file in the target's directory, then renamed over the target.
 */
public final class CogWriter {

    /** Sample type of the band. */
    public enum SampleType {
        /** Unsigned 8-bit (SampleFormat 1). */
        UINT8(8, 1, 0, 255),
        /** Unsigned 16-bit (SampleFormat 1). */
        UINT16(16, 1, 0, 65535),
        /** Signed 16-bit (SampleFormat 2). */
        INT16(16, 2, Short.MIN_VALUE, Short.MAX_VALUE),
        /** IEEE 754 32-bit float (SampleFormat 3). */
        FLOAT32(32, 3, -Float.MAX_VALUE, Float.MAX_VALUE);

        final int bits;
        final int sampleFormat;
        final double min;
        final double max;

        SampleType(int bits, int sampleFormat, double min, double max) {
            this.bits = bits;
            this.sampleFormat = sampleFormat;
            this.min = min;
            this.max = max;
        }

        int bytes() {
            return bits / 8;
        }

        boolean isInteger() {
            return this != FLOAT32;
        }
    }

    /** Tile compression. */
    public enum Compression {
        /** Uncompressed (TIFF compression 1). */
        NONE(1),
        /** zlib stream (TIFF compression 8, "Adobe Deflate"), what GDAL writes for COMPRESS=DEFLATE. */
        DEFLATE(8);

        final int code;

        Compression(int code) {
            this.code = code;
        }
    }

    /** TIFF predictor applied before compression. */
    public enum Predictor {
        /** No predictor (1). */
        NONE(1),
        /** Horizontal differencing of samples (2), modulo the sample width. */
        HORIZONTAL(2),
        /** Floating-point predictor (3): byte planes (most significant first), then byte differencing. */
        FLOATING_POINT(3);

        final int code;

        Predictor(int code) {
            this.code = code;
        }
    }

    /** How overview pixels are computed from the level above. */
    public enum Resampling {
        /** Top-left pixel of each 2x2 block: keeps classes intact (categorical bands such as SCL). */
        NEAREST,
        /** Mean of the valid pixels of each 2x2 block (continuous bands such as reflectances). */
        AVERAGE
    }

    // TIFF field types.
    private static final int T_ASCII = 2;
    private static final int T_SHORT = 3;
    private static final int T_LONG = 4;
    private static final int T_DOUBLE = 12;

    // Tags (kept private: the reader in this package has its own).
    private static final int TAG_NEW_SUBFILE_TYPE = 254;
    private static final int TAG_IMAGE_WIDTH = 256;
    private static final int TAG_IMAGE_LENGTH = 257;
    private static final int TAG_BITS_PER_SAMPLE = 258;
    private static final int TAG_COMPRESSION = 259;
    private static final int TAG_PHOTOMETRIC = 262;
    private static final int TAG_SAMPLES_PER_PIXEL = 277;
    private static final int TAG_PLANAR_CONFIG = 284;
    private static final int TAG_PREDICTOR = 317;
    private static final int TAG_TILE_WIDTH = 322;
    private static final int TAG_TILE_LENGTH = 323;
    private static final int TAG_TILE_OFFSETS = 324;
    private static final int TAG_TILE_BYTE_COUNTS = 325;
    private static final int TAG_SAMPLE_FORMAT = 339;
    private static final int TAG_MODEL_PIXEL_SCALE = 33550;
    private static final int TAG_MODEL_TIEPOINT = 33922;
    private static final int TAG_MODEL_TRANSFORMATION = 34264;
    private static final int TAG_GEO_KEY_DIRECTORY = 34735;
    private static final int TAG_GDAL_NODATA = 42113;

    // GeoKeys.
    private static final int KEY_GT_MODEL_TYPE = 1024;
    private static final int KEY_GT_RASTER_TYPE = 1025;
    private static final int KEY_GEOGRAPHIC_TYPE = 2048;
    private static final int KEY_PROJECTED_CS_TYPE = 3072;
    private static final int MODEL_TYPE_PROJECTED = 1;
    private static final int MODEL_TYPE_GEOGRAPHIC = 2;
    private static final int RASTER_PIXEL_IS_AREA = 1;

    /** GDAL's ghost header, exactly as GDAL 3.6's COG driver writes it (the trailing space included). */
    private static final byte[] GHOST_HEADER;

    static {
        String body = "LAYOUT=IFDS_BEFORE_DATA\n"
                + "BLOCK_ORDER=ROW_MAJOR\n"
                + "BLOCK_LEADER=SIZE_AS_UINT4\n"
                + "BLOCK_TRAILER=LAST_4_BYTES_REPEATED\n"
                + "KNOWN_INCOMPATIBLE_EDITION=NO\n"
                + " ";
        String header = String.format("GDAL_STRUCTURAL_METADATA_SIZE=%06d bytes\n", body.length()) + body;
        GHOST_HEADER = header.getBytes(StandardCharsets.US_ASCII);
    }

    private static final long MAX_CLASSIC_TIFF = 0xFFFF_FFFFL;


    private final GridGeometry grid;
    private final SampleType type;
    private final int tileSize;
    private final Compression compression;
    private final Predictor predictor; // null = default for the type and compression
    private final Double nodata;
    private final Resampling resampling;
    private final int deflateLevel;

    /**
     * A writer of {@code type} samples on {@code grid}, with the defaults: 256 px tiles, DEFLATE (level 6) with
     * the default predictor, no nodata, AVERAGE overviews.
     *
     * @param grid the full-resolution grid (its EPSG code, origin and pixel size are written as GeoTIFF tags)
     * @param type the sample type
     */
    public CogWriter(GridGeometry grid, SampleType type) {
        this(grid, type, 256, Compression.DEFLATE, null, null, Resampling.AVERAGE, 6);
    }

    private CogWriter(GridGeometry grid, SampleType type, int tileSize, Compression compression,
                      Predictor predictor, Double nodata, Resampling resampling, int deflateLevel) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.type = Objects.requireNonNull(type, "type");
        if (grid.width() < 1 || grid.height() < 1) {
            throw new IllegalArgumentException("grid must have at least one pixel: " + grid.width() + "x" + grid.height());
        }
        if (grid.epsg() <= 0) {
            throw new IllegalArgumentException("grid needs an EPSG code, got " + grid.epsg());
        }
        if (tileSize < 16 || tileSize % 16 != 0 || tileSize > 4096) {
            throw new IllegalArgumentException("tile size must be a multiple of 16 in [16, 4096], got " + tileSize);
        }
        this.tileSize = tileSize;
        this.compression = Objects.requireNonNull(compression, "compression");
        if (predictor != null) {
            if (predictor != Predictor.NONE && compression == Compression.NONE) {
                throw new IllegalArgumentException("predictor " + predictor + " needs compression (libtiff ignores it otherwise)");
            }
            if (predictor == Predictor.FLOATING_POINT && type != SampleType.FLOAT32) {
                throw new IllegalArgumentException("the floating-point predictor needs FLOAT32 samples, not " + type);
            }
        }
        this.predictor = predictor;
        if (nodata != null && type.isInteger()
                && (nodata != Math.rint(nodata) || nodata < type.min || nodata > type.max)) {
            throw new IllegalArgumentException("nodata " + nodata + " is not a " + type + " value");
        }
        this.nodata = nodata;
        this.resampling = Objects.requireNonNull(resampling, "resampling");
        if (deflateLevel < 1 || deflateLevel > 9) {
            throw new IllegalArgumentException("DEFLATE level must be in [1, 9], got " + deflateLevel);
        }
        this.deflateLevel = deflateLevel;
    }

    /** Tiles of {@code size} x {@code size} pixels (a multiple of 16, e.g. 256, 512 or 1024). */
    public CogWriter withTileSize(int size) {
        return new CogWriter(grid, type, size, compression, predictor, nodata, resampling, deflateLevel);
    }

    /** Compression of the tiles; NONE also drops the predictor unless one was set explicitly. */
    public CogWriter withCompression(Compression c) {
        return new CogWriter(grid, type, tileSize, c, predictor, nodata, resampling, deflateLevel);
    }

    /** DEFLATE level, 1 (fast) to 9 (small); default 6 (as GDAL). */
    public CogWriter withDeflateLevel(int level) {
        return new CogWriter(grid, type, tileSize, compression, predictor, nodata, resampling, level);
    }

    /** An explicit predictor, or {@code null} for the default (see the class comment). */
    public CogWriter withPredictor(Predictor p) {
        return new CogWriter(grid, type, tileSize, compression, p, nodata, resampling, deflateLevel);
    }

    /** The nodata value written as GDAL_NODATA (and used to pad tiles and skip pixels in averages), or null. */
    public CogWriter withNodata(Double value) {
        return new CogWriter(grid, type, tileSize, compression, predictor, value, resampling, deflateLevel);
    }

    /** How overviews are computed. */
    public CogWriter withResampling(Resampling r) {
        return new CogWriter(grid, type, tileSize, compression, predictor, nodata, r, deflateLevel);
    }

    /** The predictor actually written (the default resolved). */
    public Predictor effectivePredictor() {
        if (predictor != null) {
            return predictor;
        }
        if (compression == Compression.NONE) {
            return Predictor.NONE;
        }
        return type == SampleType.FLOAT32 ? Predictor.FLOATING_POINT : Predictor.HORIZONTAL;
    }

    /** Sizes {width, height} of the overview levels that would be written, largest first (may be empty). */
    public List<int[]> overviewSizes() {
        List<int[]> sizes = new ArrayList<>();
        int w = grid.width();
        int h = grid.height();
        while (w > tileSize || h > tileSize) {
            w = (w + 1) / 2;
            h = (h + 1) / 2;
            sizes.add(new int[] {w, h});
        }
        return sizes;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Public writing entry points

    /** Writes UINT8 samples (row-major, {@code width * height}, read as unsigned). */
    public void write(Path target, byte[] samples) throws IOException {
        writeAtomically(target, encode(samples));
    }

    /** Writes UINT16 (read as unsigned) or INT16 samples (row-major, {@code width * height}). */
    public void write(Path target, short[] samples) throws IOException {
        writeAtomically(target, encode(samples));
    }

    /** Writes FLOAT32 samples (row-major, {@code width * height}). */
    public void write(Path target, float[] samples) throws IOException {
        writeAtomically(target, encode(samples));
    }

    /** Writes integer samples of any integer type (row-major); each must be in the range of the type. */
    public void write(Path target, int[] samples) throws IOException {
        writeAtomically(target, encode(samples));
    }

    /** The COG bytes of UINT8 samples. */
    public byte[] encode(byte[] samples) {
        requireType(SampleType.UINT8, "byte[]");
        requireLength(samples.length);
        return encodePlane(Plane.ofBytes(grid.width(), grid.height(), samples.clone()));
    }

    /** The COG bytes of UINT16 or INT16 samples. */
    public byte[] encode(short[] samples) {
        if (type != SampleType.UINT16 && type != SampleType.INT16) {
            throw new IllegalArgumentException("short[] samples need UINT16 or INT16, the writer is " + type);
        }
        requireLength(samples.length);
        return encodePlane(Plane.ofShorts(type, grid.width(), grid.height(), samples.clone()));
    }

    /** The COG bytes of FLOAT32 samples. */
    public byte[] encode(float[] samples) {
        requireType(SampleType.FLOAT32, "float[]");
        requireLength(samples.length);
        return encodePlane(Plane.ofFloats(grid.width(), grid.height(), samples.clone()));
    }

    /** The COG bytes of integer samples of any integer type. */
    public byte[] encode(int[] samples) {
        if (!type.isInteger()) {
            throw new IllegalArgumentException("int[] samples need an integer type, the writer is " + type);
        }
        requireLength(samples.length);
        Plane p = Plane.empty(type, grid.width(), grid.height());
        for (int i = 0; i < samples.length; i++) {
            int v = samples[i];
            if (v < type.min || v > type.max) {
                throw new IllegalArgumentException("sample " + v + " at index " + i + " is out of the " + type + " range");
            }
            p.set(i, v);
        }
        return encodePlane(p);
    }

    private void requireType(SampleType expected, String what) {
        if (type != expected) {
            throw new IllegalArgumentException(what + " samples need " + expected + ", the writer is " + type);
        }
    }

    private void requireLength(int length) {
        long expected = (long) grid.width() * grid.height();
        if (length != expected) {
            throw new IllegalArgumentException("expected " + expected + " samples (" + grid.width() + "x"
                    + grid.height() + "), got " + length);
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        AtomicFiles.write(target, bytes);
    }


    // ---------------------------------------------------------------------------------------------------------
    // Encoding

    /** One encoded level: its size, the compressed tiles (row-major) and the IFD entries. */
    private static final class Level {
        final int width;
        final int height;
        final int tilesAcross;
        final int tilesDown;
        final byte[][] tiles;
        long[] tileOffsets;
        List<Entry> entries;
        long ifdOffset;
        int ifdSize;

        Level(int width, int height, int tileSize) {
            this.width = width;
            this.height = height;
            this.tilesAcross = (width + tileSize - 1) / tileSize;
            this.tilesDown = (height + tileSize - 1) / tileSize;
            this.tiles = new byte[tilesAcross * tilesDown][];
        }
    }

    /** An IFD entry; {@code value} holds the little-endian bytes of all {@code count} values. */
    private record Entry(int tag, int fieldType, int count, byte[] value) {
        int valueSize() {
            return value.length;
        }
    }

    private byte[] encodePlane(Plane full) {
        Predictor pred = effectivePredictor();
        double fill = nodata != null ? nodata : 0.0;

        List<Level> levels = new ArrayList<>();
        Plane plane = full;
        while (true) {
            Level level = new Level(plane.width, plane.height, tileSize);
            encodeTiles(plane, level, pred, fill);
            levels.add(level);
            if (plane.width <= tileSize && plane.height <= tileSize) {
                break;
            }
            plane = plane.halve(resampling, nodata);
        }

        // Pass 1: IFD sizes (entries with placeholder tile offsets have their final sizes).
        long pos = 8 + GHOST_HEADER.length;
        pos += pos & 1;
        long ifdStart = pos;
        for (int i = 0; i < levels.size(); i++) {
            Level level = levels.get(i);
            level.tileOffsets = new long[level.tiles.length];
            level.entries = entries(level, i == 0, pred);
            level.ifdOffset = pos;
            level.ifdSize = ifdSize(level.entries);
            pos += level.ifdSize;
        }
        // Pass 2: tile positions, smallest overview first, with a 4-byte leader and a 4-byte trailer each.
        for (int i = levels.size() - 1; i >= 0; i--) {
            Level level = levels.get(i);
            for (int t = 0; t < level.tiles.length; t++) {
                pos += 4;
                level.tileOffsets[t] = pos;
                pos += level.tiles[t].length + 4L;
            }
        }
        if (pos > MAX_CLASSIC_TIFF) {
            throw new IllegalStateException("COG would be " + pos + " bytes, above the 4 GiB of a classic TIFF");
        }
        for (int i = 0; i < levels.size(); i++) {
            Level level = levels.get(i);
            level.entries = entries(level, i == 0, pred);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream((int) pos);
        LittleEndianOut le = new LittleEndianOut(out);
        le.bytes(new byte[] {'I', 'I'});
        le.u16(42);
        le.u32(ifdStart);
        le.bytes(GHOST_HEADER);
        le.pad(ifdStart);
        for (int i = 0; i < levels.size(); i++) {
            Level level = levels.get(i);
            long next = i + 1 < levels.size() ? levels.get(i + 1).ifdOffset : 0;
            writeIfd(le, level, next);
        }
        for (int i = levels.size() - 1; i >= 0; i--) {
            Level level = levels.get(i);
            for (int t = 0; t < level.tiles.length; t++) {
                byte[] tile = level.tiles[t];
                le.u32(tile.length);
                if (le.position() != level.tileOffsets[t]) {
                    throw new IllegalStateException("tile offset mismatch at level " + i + " tile " + t);
                }
                le.bytes(tile);
                le.bytes(tile, tile.length - 4, 4);
            }
        }
        return out.toByteArray();
    }

    private void encodeTiles(Plane plane, Level level, Predictor pred, double fill) {
        int bytes = type.bytes();
        int[] rowBits = new int[tileSize];
        byte[] raw = new byte[tileSize * tileSize * bytes];
        byte[] planes = pred == Predictor.FLOATING_POINT ? new byte[tileSize * bytes] : null;
        int fillBits = plane.bits(fill);
        Deflater deflater = compression == Compression.DEFLATE ? new Deflater(deflateLevel) : null;
        try {
            byte[] buf = new byte[raw.length + raw.length / 1000 + 64];
            for (int ty = 0; ty < level.tilesDown; ty++) {
                for (int tx = 0; tx < level.tilesAcross; tx++) {
                    int p = 0;
                    for (int r = 0; r < tileSize; r++) {
                        int y = ty * tileSize + r;
                        for (int c = 0; c < tileSize; c++) {
                            int x = tx * tileSize + c;
                            rowBits[c] = x < plane.width && y < plane.height ? plane.bitsAt(y * plane.width + x) : fillBits;
                        }
                        p = encodeRow(rowBits, raw, p, pred, bytes, planes);
                    }
                    byte[] tile;
                    if (deflater == null) {
                        tile = raw.clone();
                    } else {
                        deflater.reset();
                        deflater.setInput(raw);
                        deflater.finish();
                        ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 2 + 64);
                        while (!deflater.finished()) {
                            int n = deflater.deflate(buf);
                            compressed.write(buf, 0, n);
                        }
                        tile = compressed.toByteArray();
                    }
                    level.tiles[ty * level.tilesAcross + tx] = tile;
                }
            }
        } finally {
            if (deflater != null) {
                deflater.end();
            }
        }
    }

    /** Applies the predictor to one tile row of sample bit patterns and writes it little-endian at {@code p}. */
    private int encodeRow(int[] row, byte[] out, int p, Predictor pred, int bytes, byte[] planes) {
        int n = row.length;
        switch (pred) {
            case HORIZONTAL -> {
                for (int c = n - 1; c > 0; c--) {
                    row[c] -= row[c - 1]; // wraps modulo 2^32; truncated to the sample width on output
                }
                return putLittleEndian(row, out, p, bytes);
            }
            case FLOATING_POINT -> {
                // libtiff fpDiff: byte plane b (most significant first) of sample c goes to planes[b * n + c],
                // then each byte is replaced by its difference with the previous byte of the row.
                for (int c = 0; c < n; c++) {
                    int v = row[c];
                    for (int b = 0; b < bytes; b++) {
                        planes[b * n + c] = (byte) (v >>> (8 * (bytes - 1 - b)));
                    }
                }
                for (int i = planes.length - 1; i > 0; i--) {
                    planes[i] = (byte) (planes[i] - planes[i - 1]);
                }
                System.arraycopy(planes, 0, out, p, planes.length);
                return p + planes.length;
            }
            default -> {
                return putLittleEndian(row, out, p, bytes);
            }
        }
    }

    private static int putLittleEndian(int[] row, byte[] out, int p, int bytes) {
        for (int v : row) {
            for (int b = 0; b < bytes; b++) {
                out[p++] = (byte) (v >>> (8 * b));
            }
        }
        return p;
    }

    private List<Entry> entries(Level level, boolean fullResolution, Predictor pred) {
        List<Entry> e = new ArrayList<>();
        if (!fullResolution) {
            e.add(longs(TAG_NEW_SUBFILE_TYPE, 1));
        }
        e.add(sizeEntry(TAG_IMAGE_WIDTH, level.width));
        e.add(sizeEntry(TAG_IMAGE_LENGTH, level.height));
        e.add(shorts(TAG_BITS_PER_SAMPLE, type.bits));
        e.add(shorts(TAG_COMPRESSION, compression.code));
        e.add(shorts(TAG_PHOTOMETRIC, 1));
        e.add(shorts(TAG_SAMPLES_PER_PIXEL, 1));
        e.add(shorts(TAG_PLANAR_CONFIG, 1));
        if (pred != Predictor.NONE) {
            e.add(shorts(TAG_PREDICTOR, pred.code));
        }
        e.add(shorts(TAG_TILE_WIDTH, tileSize));
        e.add(shorts(TAG_TILE_LENGTH, tileSize));
        e.add(longs(TAG_TILE_OFFSETS, level.tileOffsets));
        long[] counts = new long[level.tiles.length];
        for (int t = 0; t < counts.length; t++) {
            counts[t] = level.tiles[t].length;
        }
        e.add(longs(TAG_TILE_BYTE_COUNTS, counts));
        e.add(shorts(TAG_SAMPLE_FORMAT, type.sampleFormat));
        if (fullResolution) {
            if (grid.pixelSizeY() < 0) {
                e.add(doubles(TAG_MODEL_PIXEL_SCALE, grid.pixelSizeX(), -grid.pixelSizeY(), 0));
                e.add(doubles(TAG_MODEL_TIEPOINT, 0, 0, 0, grid.originX(), grid.originY(), 0));
            } else {
                e.add(doubles(TAG_MODEL_TRANSFORMATION,
                        grid.pixelSizeX(), 0, 0, grid.originX(),
                        0, grid.pixelSizeY(), 0, grid.originY(),
                        0, 0, 0, 0,
                        0, 0, 0, 1));
            }
            e.add(geoKeys());
        }
        if (nodata != null) {
            byte[] text = (nodataText() + "\0").getBytes(StandardCharsets.US_ASCII);
            e.add(new Entry(TAG_GDAL_NODATA, T_ASCII, text.length, text));
        }
        e.sort((a, b) -> Integer.compare(a.tag, b.tag));
        return e;
    }

    private Entry geoKeys() {
        boolean geographic = grid.epsg() >= 4000 && grid.epsg() < 5000;
        int[] keys = geographic
                ? new int[] {
                    1, 1, 0, 3,
                    KEY_GT_MODEL_TYPE, 0, 1, MODEL_TYPE_GEOGRAPHIC,
                    KEY_GT_RASTER_TYPE, 0, 1, RASTER_PIXEL_IS_AREA,
                    KEY_GEOGRAPHIC_TYPE, 0, 1, grid.epsg()}
                : new int[] {
                    1, 1, 0, 3,
                    KEY_GT_MODEL_TYPE, 0, 1, MODEL_TYPE_PROJECTED,
                    KEY_GT_RASTER_TYPE, 0, 1, RASTER_PIXEL_IS_AREA,
                    KEY_PROJECTED_CS_TYPE, 0, 1, grid.epsg()};
        if (grid.epsg() > 65535) {
            throw new IllegalArgumentException("EPSG code " + grid.epsg() + " does not fit a GeoKey (SHORT)");
        }
        return shorts(TAG_GEO_KEY_DIRECTORY, keys);
    }

    /** GDAL_NODATA text: integers without a decimal point, "nan", "inf"/"-inf", else the float value. */
    String nodataText() {
        double v = nodata;
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (type == SampleType.FLOAT32) {
            v = (float) v;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(type == SampleType.FLOAT32 ? Float.toString((float) v) : Double.toString(v)).toPlainString();
    }

    private static int ifdSize(List<Entry> entries) {
        int size = 2 + 12 * entries.size() + 4;
        for (Entry e : entries) {
            if (e.valueSize() > 4) {
                size += e.valueSize() + (e.valueSize() & 1);
            }
        }
        return size;
    }

    private static void writeIfd(LittleEndianOut le, Level level, long nextIfd) {
        if (le.position() != level.ifdOffset) {
            throw new IllegalStateException("IFD offset mismatch: " + le.position() + " != " + level.ifdOffset);
        }
        List<Entry> entries = level.entries;
        long valuePos = level.ifdOffset + 2 + 12L * entries.size() + 4;
        le.u16(entries.size());
        List<Entry> outOfLine = new ArrayList<>();
        for (Entry e : entries) {
            le.u16(e.tag);
            le.u16(e.fieldType);
            le.u32(e.count);
            if (e.valueSize() <= 4) {
                le.bytes(e.value);
                le.zeros(4 - e.valueSize());
            } else {
                le.u32(valuePos);
                outOfLine.add(e);
                valuePos += e.valueSize() + (e.valueSize() & 1);
            }
        }
        le.u32(nextIfd);
        for (Entry e : outOfLine) {
            le.bytes(e.value);
            le.zeros(e.valueSize() & 1);
        }
        if (le.position() != level.ifdOffset + level.ifdSize) {
            throw new IllegalStateException("IFD size mismatch");
        }
    }

    private static Entry sizeEntry(int tag, int value) {
        return value <= 0xFFFF ? shorts(tag, value) : longs(tag, value);
    }

    private static Entry shorts(int tag, int... values) {
        byte[] b = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            b[2 * i] = (byte) values[i];
            b[2 * i + 1] = (byte) (values[i] >>> 8);
        }
        return new Entry(tag, T_SHORT, values.length, b);
    }

    private static Entry longs(int tag, long... values) {
        byte[] b = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (values[i] >>> (8 * k));
            }
        }
        return new Entry(tag, T_LONG, values.length, b);
    }

    private static Entry doubles(int tag, double... values) {
        byte[] b = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            long bits = Double.doubleToLongBits(values[i]);
            for (int k = 0; k < 8; k++) {
                b[8 * i + k] = (byte) (bits >>> (8 * k));
            }
        }
        return new Entry(tag, T_DOUBLE, values.length, b);
    }

    /** Little-endian writer that tracks its position. */
    private static final class LittleEndianOut {
        private final OutputStream out;
        private long position;

        LittleEndianOut(OutputStream out) {
            this.out = out;
        }

        long position() {
            return position;
        }

        void u16(int v) {
            write((byte) v);
            write((byte) (v >>> 8));
        }

        void u32(long v) {
            for (int k = 0; k < 4; k++) {
                write((byte) (v >>> (8 * k)));
            }
        }

        void bytes(byte[] b) {
            bytes(b, 0, b.length);
        }

        void bytes(byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new IllegalStateException(e); // ByteArrayOutputStream does not throw
            }
            position += len;
        }

        void zeros(int n) {
            for (int i = 0; i < n; i++) {
                write((byte) 0);
            }
        }

        void pad(long to) {
            while (position < to) {
                write((byte) 0);
            }
        }

        private void write(byte b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            position++;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Samples of one level

    /** The samples of one level in their own type (no widening of large images to double). */
    private static final class Plane {
        final SampleType type;
        final int width;
        final int height;
        final byte[] u8;
        final short[] s16;
        final float[] f32;

        private Plane(SampleType type, int width, int height, byte[] u8, short[] s16, float[] f32) {
            this.type = type;
            this.width = width;
            this.height = height;
            this.u8 = u8;
            this.s16 = s16;
            this.f32 = f32;
        }

        static Plane ofBytes(int w, int h, byte[] v) {
            return new Plane(SampleType.UINT8, w, h, v, null, null);
        }

        static Plane ofShorts(SampleType t, int w, int h, short[] v) {
            return new Plane(t, w, h, null, v, null);
        }

        static Plane ofFloats(int w, int h, float[] v) {
            return new Plane(SampleType.FLOAT32, w, h, null, null, v);
        }

        static Plane empty(SampleType t, int w, int h) {
            int n = w * h;
            return switch (t) {
                case UINT8 -> ofBytes(w, h, new byte[n]);
                case UINT16, INT16 -> ofShorts(t, w, h, new short[n]);
                case FLOAT32 -> ofFloats(w, h, new float[n]);
            };
        }

        double get(int i) {
            return switch (type) {
                case UINT8 -> u8[i] & 0xFF;
                case UINT16 -> s16[i] & 0xFFFF;
                case INT16 -> s16[i];
                case FLOAT32 -> f32[i];
            };
        }

        /** Stores {@code v}, already a value of the type (integral and in range for integer types). */
        void set(int i, double v) {
            switch (type) {
                case UINT8 -> u8[i] = (byte) (int) v;
                case UINT16, INT16 -> s16[i] = (short) (int) v;
                case FLOAT32 -> f32[i] = (float) v;
            }
        }

        /** The raw bit pattern of sample {@code i} (low {@code bits} bits significant). */
        int bitsAt(int i) {
            return switch (type) {
                case UINT8 -> u8[i] & 0xFF;
                case UINT16, INT16 -> s16[i] & 0xFFFF;
                case FLOAT32 -> Float.floatToRawIntBits(f32[i]);
            };
        }

        /** The bit pattern of value {@code v} in this type. */
        int bits(double v) {
            return switch (type) {
                case UINT8 -> ((int) v) & 0xFF;
                case UINT16, INT16 -> ((int) v) & 0xFFFF;
                case FLOAT32 -> Float.floatToRawIntBits((float) v);
            };
        }

        boolean valid(double v, Double nodata) {
            if (Double.isNaN(v)) {
                return false;
            }
            return nodata == null || v != (type == SampleType.FLOAT32 ? (float) (double) nodata : nodata);
        }

        Plane halve(Resampling r, Double nodata) {
            int w2 = (width + 1) / 2;
            int h2 = (height + 1) / 2;
            Plane out = empty(type, w2, h2);
            double empty = nodata != null ? nodata : (type == SampleType.FLOAT32 ? Double.NaN : 0);
            for (int y = 0; y < h2; y++) {
                for (int x = 0; x < w2; x++) {
                    int o = y * w2 + x;
                    if (r == Resampling.NEAREST) {
                        out.set(o, get(2 * y * width + 2 * x));
                        continue;
                    }
                    double sum = 0;
                    int n = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        int sy = 2 * y + dy;
                        if (sy >= height) {
                            break;
                        }
                        for (int dx = 0; dx < 2; dx++) {
                            int sx = 2 * x + dx;
                            if (sx >= width) {
                                break;
                            }
                            double v = get(sy * width + sx);
                            if (valid(v, nodata)) {
                                sum += v;
                                n++;
                            }
                        }
                    }
                    if (n == 0) {
                        out.set(o, empty);
                    } else if (type == SampleType.FLOAT32) {
                        out.set(o, sum / n);
                    } else {
                        double mean = Math.floor(sum / n + 0.5);
                        if (nodata != null && mean == nodata) {
                            // a valid average must not turn into nodata: move it one step towards the true mean
                            mean += (sum / n < mean || mean == type.max) && mean > type.min ? -1 : 1;
                        }
                        out.set(o, Math.max(type.min, Math.min(type.max, mean)));
                    }
                }
            }
            return out;
        }
    }
}
