package io.eobatch.raster.tiff;

import java.util.Arrays;

/**
 * One image (IFD) of a TIFF file as far as the reader needs it: size, tile or strip layout, where each tile/strip
 * lies in the file, and how its samples are encoded. Immutable; the arrays are not exposed.
 *
 * <p>A stripped image is described as tiles of {@code width x rowsPerStrip} pixels; the last strip may hold fewer
 * rows ({@link #chunkRows(int)}).
 */
public final class TiffImage {

    /** Compression codes handled by the reader. */
    public static final int COMPRESSION_NONE = 1;
    public static final int COMPRESSION_LZW = 5;
    public static final int COMPRESSION_DEFLATE = 8;
    public static final int COMPRESSION_DEFLATE_OLD = 32946;
    public static final int COMPRESSION_PACKBITS = 32773;

    final int ifdIndex;
    final long subfileType;
    final int width;
    final int height;
    final boolean tiled;
    final int tileWidth;
    final int tileHeight;
    final long[] offsets;
    final long[] byteCounts;
    final int compression;
    final int predictor;
    final int bitsPerSample;
    final int sampleFormat;
    final int samplesPerPixel;
    final int planarConfiguration;

    TiffImage(int ifdIndex, long subfileType, int width, int height, boolean tiled, int tileWidth, int tileHeight,
              long[] offsets, long[] byteCounts, int compression, int predictor, int bitsPerSample, int sampleFormat,
              int samplesPerPixel, int planarConfiguration) {
        this.ifdIndex = ifdIndex;
        this.subfileType = subfileType;
        this.width = width;
        this.height = height;
        this.tiled = tiled;
        this.tileWidth = tileWidth;
        this.tileHeight = tileHeight;
        this.offsets = offsets;
        this.byteCounts = byteCounts;
        this.compression = compression;
        this.predictor = predictor;
        this.bitsPerSample = bitsPerSample;
        this.sampleFormat = sampleFormat;
        this.samplesPerPixel = samplesPerPixel;
        this.planarConfiguration = planarConfiguration;
    }

    /** Position of this IFD in the file's IFD chain (0 = first). */
    public int ifdIndex() {
        return ifdIndex;
    }

    /** NewSubfileType (tag 254): bit 0 = reduced-resolution (overview), bit 2 = transparency mask. */
    public long subfileType() {
        return subfileType;
    }

    public boolean isOverview() {
        return (subfileType & 1) != 0 && !isMask();
    }

    public boolean isMask() {
        return (subfileType & 4) != 0;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** True for a tiled image, false for strips. */
    public boolean tiled() {
        return tiled;
    }

    /** Tile width in pixels (the image width for strips). */
    public int tileWidth() {
        return tileWidth;
    }

    /** Tile height in pixels (RowsPerStrip for strips). */
    public int tileHeight() {
        return tileHeight;
    }

    public int tilesAcross() {
        return (width + tileWidth - 1) / tileWidth;
    }

    public int tilesDown() {
        return (height + tileHeight - 1) / tileHeight;
    }

    /** Number of tiles (or strips) of one plane. */
    public int tilesPerPlane() {
        return tilesAcross() * tilesDown();
    }

    /** Number of chunks (tiles or strips) in the file: one set per sample when planar (PlanarConfiguration 2). */
    public int chunkCount() {
        return offsets.length;
    }

    /** File offset of chunk {@code i} (0 for a sparse chunk). */
    public long chunkOffset(int i) {
        return offsets[i];
    }

    /** Byte count of chunk {@code i} (0 for a sparse chunk: all nodata). */
    public long chunkByteCount(int i) {
        return byteCounts[i];
    }

    /** Rows stored in the chunk of tile row {@code tileRow}: the tile height, less for the last strip. */
    public int chunkRows(int tileRow) {
        return tiled ? tileHeight : Math.min(tileHeight, height - tileRow * tileHeight);
    }

    public int compression() {
        return compression;
    }

    public int predictor() {
        return predictor;
    }

    public int bitsPerSample() {
        return bitsPerSample;
    }

    /** SampleFormat: 1 unsigned integer, 2 signed integer, 3 IEEE floating point. */
    public int sampleFormat() {
        return sampleFormat;
    }

    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    /** PlanarConfiguration: 1 chunky (samples interleaved), 2 planar (one set of chunks per sample). */
    public int planarConfiguration() {
        return planarConfiguration;
    }

    /** Sum of all chunk byte counts (the compressed size of the image data). */
    public long totalChunkBytes() {
        return Arrays.stream(byteCounts).sum();
    }

    @Override
    public String toString() {
        return "IFD #" + ifdIndex + " " + width + "x" + height + (tiled ? " tiles " : " strips ") + tileWidth + "x"
                + tileHeight + " compression=" + compression + " predictor=" + predictor + " bits=" + bitsPerSample
                + " format=" + sampleFormat + " spp=" + samplesPerPixel + " planar=" + planarConfiguration
                + " subfile=" + subfileType;
    }
}
