package io.eobatch.raster.tiff;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.RasterBand;
import io.eobatch.raster.io.ByteRange;
import io.eobatch.raster.io.ByteSource;
import io.eobatch.raster.io.ByteSources;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One band of a GeoTIFF / Cloud-Optimized GeoTIFF, local or remote, read by windows that fetch only the tiles (or
 * strips) they touch, in one {@link ByteSource#readRanges} call (merged into few HTTP range requests remotely).
 *
 * <p>Supported: TIFF and BigTIFF, little and big endian; tiled and stripped; Compression none, LZW, DEFLATE
 * (8 and 32946), PackBits; Predictor 1, 2 (horizontal, 8/16/32/64-bit) and 3 (floating point); SampleFormat
 * unsigned, signed, float; BitsPerSample 8, 16, 32 (and 64 for float); any SamplesPerPixel with
 * PlanarConfiguration 1 or 2 (one band = one sample); overviews (reduced-resolution IFDs; masks are skipped);
 * GDAL_NODATA; GeoKeyDirectory EPSG codes (ProjectedCSTypeGeoKey, else GeographicTypeGeoKey; 0 when user-defined
 * or absent); ModelPixelScale + ModelTiepoint or a non-rotated ModelTransformation; PixelIsPoint shifted by half a
 * pixel as GDAL does. Sparse tiles (byte count or offset 0) read as nodata. Not supported: JPEG, ZSTD, LERC, WebP
 * compression, 1/4/12-bit samples, rotated transforms.
 *
 * <p>Why by hand: no Maven Central library reads COG tiles over HTTP range requests correctly and cheaply
 * (notes/eo.md): Apache SIS first sends a GET without Range and gets float32 with predictor 2 wrong; mil.nga tiff
 * reads the whole file into memory and has no BigTIFF; JDK ImageIO fails on predictor 2 for 16/32-bit samples;
 * TwelveMonkeys throws on window reads of tiled 16-bit TIFFs; GeoTools/imageio-ext are not on Maven Central. The
 * format subset above is small, and owning it lets us count and bound every byte fetched.
 *
 * <p>Headers are taken from {@link TiffHeaderCache#shared()}, so reopening a COG costs no header request.
 * Instances are thread-safe. The tiles of one window are decoded on the calling thread, unless the window is large
 * (at least {@value #AUTO_PARALLEL_MIN_BYTES} bytes of decoded tiles, e.g. 8 tiles of 1024 x 1024 UInt16, as for an
 * AOI of some 10 km on a 10 m band): those are decoded on the calling thread and a shared pool of one thread per core
 * together. {@link #parallelDecode(boolean)} forces either way. On the 2-core benchmark machine decoding the 4 tiles
 * of a 1024x1024 window on 2 threads did not pay reliably (BENCHMARKS.md, "COG bytes read"), while the large windows
 * of a 10980 px scene decoded 15-20 % faster in wall time when a core was free (BENCHMARKS.md, "NDVI statistics
 * speed"); a batch job also reads several AOIs in parallel partitions, so small windows stay on one thread.
 */
public final class GeoTiffBand implements RasterBand {

    /** The sample types read. */
    public enum SampleType {
        UINT8, INT8, UINT16, INT16, UINT32, INT32, FLOAT32, FLOAT64;

        public boolean isFloatingPoint() {
            return this == FLOAT32 || this == FLOAT64;
        }

        /** Bytes per sample. */
        public int bytes() {
            switch (this) {
                case UINT8: case INT8: return 1;
                case UINT16: case INT16: return 2;
                case FLOAT64: return 8;
                default: return 4;
            }
        }
    }

    private static final int GEOKEY_RASTER_TYPE = 1025;
    private static final int GEOKEY_GEOGRAPHIC_TYPE = 2048;
    private static final int GEOKEY_PROJECTED_CS_TYPE = 3072;
    private static final int RASTER_PIXEL_IS_POINT = 2;
    private static final int USER_DEFINED = 32767;

    /** Windows whose decoded tiles total less than this are decoded on the calling thread only. */
    private static final long PARALLEL_MIN_BYTES = 256 * 1024;
    /** Windows whose decoded tiles total at least this are decoded on several threads unless told otherwise. */
    public static final long AUTO_PARALLEL_MIN_BYTES = 16L * 1024 * 1024;
    private static final int DECODE_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService DECODERS = Executors.newFixedThreadPool(DECODE_THREADS, r -> {
        Thread t = new Thread(r, "eobatch-tiff-decode");
        t.setDaemon(true);
        return t;
    });

    private final ByteSource source;
    private final boolean ownsSource;
    private final TiffFile file;
    private final TiffImage image;
    private final int sample;
    private final GridGeometry grid;
    private final Double nodata;
    private final SampleType type;
    private final List<TiffImage> overviewImages;
    private final GeoTiffBand[] overviews;
    private final String where;
    /** Whether the tiles of a window may be decoded on several threads; null: when the window is large. */
    private volatile Boolean parallelDecode;

    private GeoTiffBand(ByteSource source, boolean ownsSource, TiffFile file, TiffImage image, int sample,
                        GridGeometry grid, Double nodata, List<TiffImage> overviewImages) throws IOException {
        this.source = source;
        this.ownsSource = ownsSource;
        this.file = file;
        this.image = image;
        this.sample = sample;
        this.grid = grid;
        this.nodata = nodata;
        this.where = source.name() + " IFD #" + image.ifdIndex();
        this.type = sampleType(image, where);
        if (sample < 0 || sample >= image.samplesPerPixel()) {
            throw new IllegalArgumentException(where + ": sample " + sample + " out of range (SamplesPerPixel "
                    + image.samplesPerPixel() + ")");
        }
        int p = image.predictor();
        if (p != 1 && p != 2 && p != 3) {
            throw new IOException(where + ": unsupported Predictor " + p + " (supported: 1, 2, 3)");
        }
        if (p == 3 && !type.isFloatingPoint()) {
            throw new IOException(where + ": Predictor 3 (floating point) on " + type + " samples");
        }
        int c = image.compression();
        if (c != TiffImage.COMPRESSION_NONE && c != TiffImage.COMPRESSION_LZW && c != TiffImage.COMPRESSION_DEFLATE
                && c != TiffImage.COMPRESSION_DEFLATE_OLD && c != TiffImage.COMPRESSION_PACKBITS) {
            throw new IOException(where + ": unsupported Compression " + c
                    + " (supported: 1 none, 5 LZW, 8/32946 DEFLATE, 32773 PackBits)");
        }
        this.overviewImages = overviewImages;
        this.overviews = new GeoTiffBand[overviewImages.size()];
    }

    /** Opens band 1 (sample 0) of the GeoTIFF at {@code uri} ({@code file:}, a path, or {@code http(s):}). */
    public static GeoTiffBand open(URI uri) throws IOException {
        return open(uri, 0);
    }

    /** Opens sample {@code sample} (0-based band) of the GeoTIFF at {@code uri}; closing the band closes the source. */
    public static GeoTiffBand open(URI uri, int sample) throws IOException {
        return open(uri, sample, null);
    }

    /**
     * Opens sample {@code sample} of the GeoTIFF at {@code uri} under {@code policy} (where it and its redirects may
     * be read from; null: any host but a link-local one); closing the band closes the source.
     */
    public static GeoTiffBand open(URI uri, int sample, io.eobatch.outbound.OutboundPolicy policy) throws IOException {
        ByteSource s = ByteSources.open(uri, policy);
        try {
            return open(s, sample, true, TiffHeaderCache.shared());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Opens band 1 of {@code source}; the caller keeps ownership of the source (closing the band leaves it open). */
    public static GeoTiffBand open(ByteSource source) throws IOException {
        return open(source, 0, false, TiffHeaderCache.shared());
    }

    /**
     * Opens sample {@code sample} of {@code source} with headers from {@code cache}.
     *
     * @param ownsSource whether {@link #close()} closes the source
     */
    public static GeoTiffBand open(ByteSource source, int sample, boolean ownsSource, TiffHeaderCache cache)
            throws IOException {
        TiffFile file = cache.headers(source);
        TiffImage main = file.images().get(0);
        GridGeometry grid = georeference(file, main, source.name());
        Double nodata = parseNodata(file.geo().gdalNodata(), source.name());
        List<TiffImage> ovs = new ArrayList<>();
        for (TiffImage im : file.images()) {
            if (im != main && im.isOverview() && im.width() < main.width()) {
                ovs.add(im);
            }
        }
        ovs.sort(Comparator.comparingInt(TiffImage::width).reversed());
        return new GeoTiffBand(source, ownsSource, file, main, sample, grid, nodata, List.copyOf(ovs));
    }

    @Override
    public GridGeometry grid() {
        return grid;
    }

    @Override
    public Double nodata() {
        return nodata;
    }

    /** The sample type of the band. */
    public SampleType sampleType() {
        return type;
    }

    /** The TIFF image (IFD) this band reads. */
    public TiffImage image() {
        return image;
    }

    /** The parsed headers of the file. */
    public TiffFile headers() {
        return file;
    }

    /** The byte source read. */
    public ByteSource source() {
        return source;
    }

    /** Number of overviews (reduced-resolution images), 0 for an overview itself. */
    public int overviewCount() {
        return overviews.length;
    }

    /**
     * Overview {@code i} (0 = the largest, i.e. the least reduced) as a band on its own grid: same origin and
     * extent, pixel size scaled by the size ratio (as GDAL). It shares this band's source and decode settings;
     * closing it does nothing.
     */
    public synchronized GeoTiffBand overview(int i) throws IOException {
        if (i < 0 || i >= overviews.length) {
            throw new IndexOutOfBoundsException(where + ": overview " + i + " of " + overviews.length);
        }
        if (overviews[i] == null) {
            TiffImage ov = overviewImages.get(i);
            GridGeometry g = new GridGeometry(grid.epsg(), ov.width(), ov.height(), grid.originX(), grid.originY(),
                    grid.pixelSizeX() * image.width() / ov.width(), grid.pixelSizeY() * image.height() / ov.height());
            GeoTiffBand b = new GeoTiffBand(source, false, file, ov, sample, g, nodata, List.of());
            b.parallelDecode = parallelDecode;
            overviews[i] = b;
        }
        return overviews[i];
    }

    /**
     * Whether the tiles of one window are decoded on several threads (a shared pool of one thread per core; only
     * for windows of 2 tiles or more and 256 KiB or more of decoded data). Default: only windows of
     * {@link #AUTO_PARALLEL_MIN_BYTES} or more. Returns this.
     */
    public GeoTiffBand parallelDecode(boolean on) {
        this.parallelDecode = on;
        return this;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Float samples are rounded to the nearest integer (NaN gives the fill value); UInt32 values above
     * {@link Integer#MAX_VALUE} saturate: use {@link #readWindowDouble} for those.
     */
    @Override
    public int[] readWindow(int col0, int row0, int width, int height) throws IOException {
        int[] out = new int[checkedSize(width, height)];
        int fill = fillInt();
        if (fill != 0) {
            Arrays.fill(out, fill);
        }
        read(col0, row0, width, height, out, null, fill, 0);
        return out;
    }

    /**
     * Reads the window like {@link #readWindow} but as doubles: exact for every sample type, including float32
     * and UInt32. Parts outside the raster and sparse tiles are the nodata value, NaN when none is declared.
     */
    public double[] readWindowDouble(int col0, int row0, int width, int height) throws IOException {
        double[] out = new double[checkedSize(width, height)];
        double fill = nodata == null ? Double.NaN : nodata;
        if (Double.doubleToRawLongBits(fill) != 0) {
            Arrays.fill(out, fill);
        }
        read(col0, row0, width, height, null, out, 0, fill);
        return out;
    }

    /**
     * The byte ranges in the file of the non-sparse tiles (or strips) that window touches: what
     * {@link #readWindow} fetches (before merging nearby ranges).
     */
    public List<ByteRange> windowRanges(int col0, int row0, int width, int height) {
        List<ByteRange> out = new ArrayList<>();
        for (int[] ch : chunks(col0, row0, width, height)) {
            int idx = ch[0];
            if (!sparse(idx)) {
                out.add(new ByteRange(image.chunkOffset(idx), (int) image.chunkByteCount(idx)));
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (ownsSource) {
            source.close();
        }
    }

    @Override
    public String toString() {
        return "GeoTiffBand[" + where + " sample " + sample + " " + type + " " + grid + "]";
    }

    // ---------------------------------------------------------------------------------------------- reading

    private static int checkedSize(int width, int height) {
        if (width < 0 || height < 0 || (long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad window size " + width + "x" + height);
        }
        return width * height;
    }

    private int fillInt() {
        if (nodata == null || nodata.isNaN()) {
            return 0;
        }
        return (int) Math.rint(nodata);
    }

    private boolean sparse(int idx) {
        return image.chunkByteCount(idx) == 0 || image.chunkOffset(idx) == 0;
    }

    /** {chunk index, tile column, tile row} of every chunk the window touches (clipped to the raster). */
    private List<int[]> chunks(int col0, int row0, int w, int h) {
        int c0 = Math.max(col0, 0);
        int c1 = (int) Math.min((long) col0 + w, image.width());
        int r0 = Math.max(row0, 0);
        int r1 = (int) Math.min((long) row0 + h, image.height());
        List<int[]> out = new ArrayList<>();
        if (c0 >= c1 || r0 >= r1) {
            return out;
        }
        int tw = image.tileWidth();
        int th = image.tileHeight();
        int plane = image.planarConfiguration() == 2 ? sample * image.tilesPerPlane() : 0;
        for (int ty = r0 / th; ty <= (r1 - 1) / th; ty++) {
            for (int tx = c0 / tw; tx <= (c1 - 1) / tw; tx++) {
                out.add(new int[] {plane + ty * image.tilesAcross() + tx, tx, ty});
            }
        }
        return out;
    }

    private void read(int col0, int row0, int w, int h, int[] outInt, double[] outDouble, int fillInt,
                      double fillDouble) throws IOException {
        List<int[]> all = chunks(col0, row0, w, h);
        List<int[]> present = new ArrayList<>(all.size());
        List<ByteRange> ranges = new ArrayList<>(all.size());
        for (int[] ch : all) {
            if (!sparse(ch[0])) {
                present.add(ch);
                ranges.add(new ByteRange(image.chunkOffset(ch[0]), (int) image.chunkByteCount(ch[0])));
            }
        }
        if (present.isEmpty()) {
            return; // outside the raster, or all sparse: already filled
        }
        byte[][] data = source.readRanges(ranges).toArray(new byte[0][]);
        int sppChunk = image.planarConfiguration() == 1 ? image.samplesPerPixel() : 1;
        long decodedBytes = (long) present.size() * image.tileWidth() * image.tileHeight() * sppChunk * type.bytes();
        int n = present.size();
        AtomicInteger next = new AtomicInteger();
        IoTask worker = () -> {
            for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                int[] ch = present.get(k);
                byte[] compressed = data[k];
                data[k] = null; // let it go early
                decodeAndCopy(ch, compressed, col0, row0, w, h, outInt, outDouble);
            }
        };
        Boolean mode = parallelDecode;
        boolean parallel = mode == null ? decodedBytes >= AUTO_PARALLEL_MIN_BYTES : mode;
        int helpers = parallel && n > 1 && decodedBytes >= PARALLEL_MIN_BYTES ? Math.min(n, DECODE_THREADS) - 1 : 0;
        List<Future<?>> futures = new ArrayList<>(helpers);
        for (int i = 0; i < helpers; i++) {
            futures.add(DECODERS.submit(() -> {
                try {
                    worker.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            }));
        }
        IOException failure = null;
        try {
            worker.run();
        } catch (IOException e) {
            failure = e;
            next.set(n);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while decoding " + where);
            } catch (ExecutionException e) {
                if (failure == null) {
                    Throwable c = e.getCause();
                    failure = c instanceof UncheckedIOException u ? u.getCause()
                            : new IOException(where + ": decoding failed: " + c, c);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }

    private void decodeAndCopy(int[] ch, byte[] compressed, int col0, int row0, int w, int h, int[] outInt,
                               double[] outDouble) throws IOException {
        int idx = ch[0];
        int tx = ch[1];
        int ty = ch[2];
        int tw = image.tileWidth();
        int chunkRow0 = ty * image.tileHeight();
        // decode only down to the last row the window needs: DEFLATE and LZW streams can stop there
        int rows = Math.min(image.chunkRows(ty), (int) Math.min((long) row0 + h, image.height()) - chunkRow0);
        int sppChunk = image.planarConfiguration() == 1 ? image.samplesPerPixel() : 1;
        int bytes = type.bytes();
        String at = where + " tile " + idx;
        byte[] raw = TiffCodecs.decompress(image.compression(), compressed, rows * tw * sppChunk * bytes, at);
        ByteOrder order = file.byteOrder();
        if (image.predictor() == 2) {
            TiffCodecs.undoHorizontal(raw, rows, tw * sppChunk, sppChunk, bytes, order, at);
        } else if (image.predictor() == 3) {
            TiffCodecs.undoFloatingPoint(raw, rows, tw * sppChunk, sppChunk, bytes);
            order = ByteOrder.BIG_ENDIAN;
        }
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        int chunkCol0 = tx * tw;
        int cx0 = Math.max(Math.max(col0, 0), chunkCol0);
        int cx1 = (int) Math.min(Math.min((long) col0 + w, image.width()), chunkCol0 + tw);
        int cy0 = Math.max(Math.max(row0, 0), chunkRow0);
        int cy1 = (int) Math.min(Math.min((long) row0 + h, image.height()), chunkRow0 + rows);
        int pixelStride = sppChunk * bytes;
        int sampleOffset = image.planarConfiguration() == 1 ? sample * bytes : 0;
        int count = cx1 - cx0;
        for (int r = cy0; r < cy1; r++) {
            int p = ((r - chunkRow0) * tw + (cx0 - chunkCol0)) * pixelStride + sampleOffset;
            int dst = (r - row0) * w + (cx0 - col0);
            if (outInt != null) {
                rowToInt(raw, le, p, pixelStride, count, outInt, dst);
            } else {
                rowToDouble(raw, le, p, pixelStride, count, outDouble, dst);
            }
        }
    }

    private void rowToInt(byte[] d, boolean le, int p, int stride, int n, int[] out, int dst) {
        int end = dst + n;
        switch (type) {
            case UINT8:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = d[p] & 0xFF;
                }
                break;
            case INT8:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = d[p];
                }
                break;
            case UINT16:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = TiffCodecs.getShort(d, p, le);
                }
                break;
            case INT16:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = (short) TiffCodecs.getShort(d, p, le);
                }
                break;
            case UINT32:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = (int) Math.min(TiffCodecs.getInt(d, p, le) & 0xFFFFFFFFL, Integer.MAX_VALUE);
                }
                break;
            case INT32:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = TiffCodecs.getInt(d, p, le);
                }
                break;
            case FLOAT32: {
                int fill = fillInt();
                for (int i = dst; i < end; i++, p += stride) {
                    float f = Float.intBitsToFloat(TiffCodecs.getInt(d, p, le));
                    out[i] = Float.isNaN(f) ? fill : (int) Math.rint(f);
                }
                break;
            }
            case FLOAT64: {
                int fill = fillInt();
                for (int i = dst; i < end; i++, p += stride) {
                    double v = Double.longBitsToDouble(TiffCodecs.getLong(d, p, le));
                    out[i] = Double.isNaN(v) ? fill : (int) Math.rint(v);
                }
                break;
            }
            default:
                throw new IllegalStateException(type.toString());
        }
    }

    private void rowToDouble(byte[] d, boolean le, int p, int stride, int n, double[] out, int dst) {
        int end = dst + n;
        switch (type) {
            case UINT8:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = d[p] & 0xFF;
                }
                break;
            case INT8:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = d[p];
                }
                break;
            case UINT16:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = TiffCodecs.getShort(d, p, le);
                }
                break;
            case INT16:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = (short) TiffCodecs.getShort(d, p, le);
                }
                break;
            case UINT32:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = TiffCodecs.getInt(d, p, le) & 0xFFFFFFFFL;
                }
                break;
            case INT32:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = TiffCodecs.getInt(d, p, le);
                }
                break;
            case FLOAT32:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = Float.intBitsToFloat(TiffCodecs.getInt(d, p, le));
                }
                break;
            case FLOAT64:
                for (int i = dst; i < end; i++, p += stride) {
                    out[i] = Double.longBitsToDouble(TiffCodecs.getLong(d, p, le));
                }
                break;
            default:
                throw new IllegalStateException(type.toString());
        }
    }

    // --------------------------------------------------------------------------------------- georeferencing

    private static SampleType sampleType(TiffImage im, String where) throws IOException {
        int bits = im.bitsPerSample();
        switch (im.sampleFormat()) {
            case 1:
                if (bits == 8) return SampleType.UINT8;
                if (bits == 16) return SampleType.UINT16;
                if (bits == 32) return SampleType.UINT32;
                break;
            case 2:
                if (bits == 8) return SampleType.INT8;
                if (bits == 16) return SampleType.INT16;
                if (bits == 32) return SampleType.INT32;
                break;
            case 3:
                if (bits == 32) return SampleType.FLOAT32;
                if (bits == 64) return SampleType.FLOAT64;
                break;
            default:
                throw new IOException(where + ": unsupported SampleFormat " + im.sampleFormat() + " (1, 2, 3)");
        }
        throw new IOException(where + ": unsupported BitsPerSample " + bits + " for SampleFormat " + im.sampleFormat());
    }

    /** The GDAL geotransform of the first image, as a {@link GridGeometry}. */
    static GridGeometry georeference(TiffFile file, TiffImage im, String name) throws IOException {
        TiffFile.GeoTags geo = file.geo();
        double gt0;
        double gt1;
        double gt3;
        double gt5;
        double[] m = geo.transformation();
        double[] scale = geo.pixelScale();
        double[] tie = geo.tiepoints();
        if (m != null && m.length >= 16) {
            if (m[1] != 0 || m[4] != 0) {
                throw new IOException(name + ": rotated ModelTransformation (" + m[1] + ", " + m[4] + ") not supported");
            }
            gt1 = m[0];
            gt0 = m[3];
            gt5 = m[5];
            gt3 = m[7];
        } else if (scale != null && scale.length >= 2 && tie != null && tie.length >= 6) {
            gt1 = scale[0];
            gt5 = -scale[1];
            gt0 = tie[3] - tie[0] * gt1;
            gt3 = tie[4] - tie[1] * gt5;
        } else {
            // no georeferencing: GDAL's default geotransform (0, 1, 0, 0, 0, 1)
            return new GridGeometry(0, im.width(), im.height(), 0, 0, 1, 1);
        }
        if (geo.geoKey(GEOKEY_RASTER_TYPE) == RASTER_PIXEL_IS_POINT) {
            // GDAL (GTIFF_POINT_GEO_IGNORE=FALSE): the tie point is a pixel centre, move to its corner
            gt0 -= 0.5 * gt1;
            gt3 -= 0.5 * gt5;
        }
        int epsg = geo.geoKey(GEOKEY_PROJECTED_CS_TYPE);
        if (epsg <= 0 || epsg == USER_DEFINED) {
            epsg = geo.geoKey(GEOKEY_GEOGRAPHIC_TYPE);
        }
        if (epsg <= 0 || epsg == USER_DEFINED) {
            epsg = 0;
        }
        try {
            return new GridGeometry(epsg, im.width(), im.height(), gt0, gt3, gt1, gt5);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": bad georeferencing: " + e.getMessage(), e);
        }
    }

    static Double parseNodata(String s, String name) throws IOException {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim().toLowerCase();
        switch (t) {
            case "nan": case "-nan": return Double.NaN;
            case "inf": case "+inf": case "infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IOException(name + ": GDAL_NODATA (tag 42113) is not a number: '" + s + "'", e);
                }
        }
    }
}
