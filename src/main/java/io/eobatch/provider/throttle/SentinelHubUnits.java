package io.eobatch.provider.throttle;

import java.util.Collection;
import java.util.Locale;

/**
 * Sentinel Hub processing units (PU) of a Process or Statistical API request, computed before it is sent, from the
 * published definition ("Processing Unit definition", Sentinel Hub API documentation, API overview; the same page
 * in the Copernicus Data Space Ecosystem documentation). One PU is a request for
 * <ul>
 *   <li>an area of 512 x 512 px (the requested input size: bounding box over resolution),</li>
 *   <li>3 input bands,</li>
 *   <li>one data sample per pixel,</li>
 *   <li>an output format of at most 16 bits per pixel,</li>
 * </ul>
 * and a request costs the product of multiplication factors:
 * <ul>
 *   <li>area: {@code width * height / (512 * 512)}, at least 0.01 (0.25 km2 of Sentinel-2 at 10 m);</li>
 *   <li>input bands: {@code bands / 3}, where {@code dataMask} is not counted unless it is the only band
 *       ({@link #countedBands});</li>
 *   <li>output format: 2 for 32-bit float TIFF, 1.4 for {@code application/octet-stream}, 1 for 8- or 16-bit
 *       TIFF/JPEG/PNG ({@link OutputFormat});</li>
 *   <li>data samples: their number per pixel (e.g. the scenes an evalscript with ORBIT or TILE mosaicking reads);</li>
 * </ul>
 * and at least 0.005 PU for a Process API request, 0.01 PU for a Statistical API request. The number of output
 * bands does not enter the definition. Orthorectification (Sentinel-1) and Batch/Async discounts are not modelled:
 * eobatch does not request them. Units are charged only for 2xx answers.
 *
 * <p>Statistical API: there is no output image, so {@link #statistical} applies no output-format factor. For a
 * request over several aggregation intervals, pass one data sample per interval (times the scenes per interval
 * for non-SIMPLE mosaicking); this is how eobatch estimates and throttles, an upper bound rather than a quote: the
 * account's dashboard is the authority.
 *
 * <p>No Maven Central library computes this (the Python {@code sentinelhub} package does not either), hence a few
 * lines here, pinned by worked examples in the tests.
 */
public final class SentinelHubUnits {

    /** Pixels of one PU: 512 x 512. */
    public static final double PIXELS_PER_UNIT = 512.0 * 512.0;
    /** Smallest area factor. */
    public static final double MIN_AREA_FACTOR = 0.01;
    /** Smallest charge of a Process API (and OGC) request. */
    public static final double MIN_PROCESS = 0.005;
    /** Smallest charge of a Statistical API request. */
    public static final double MIN_STATISTICAL = 0.01;

    /** Output format factor. */
    public enum OutputFormat {
        /** 8- or 16-bit TIFF, JPEG or PNG (sample types UINT8, UINT16, AUTO). */
        BITS_16_OR_LESS(1.0),
        /** 32-bit float TIFF (sample type FLOAT32). */
        FLOAT32(2.0),
        /** {@code application/octet-stream}. */
        OCTET_STREAM(1.4);

        private final double factor;

        OutputFormat(double factor) {
            this.factor = factor;
        }

        public double factor() {
            return factor;
        }

        /** From bits per sample: up to 16 costs 1, more costs 2 (32-bit float). */
        public static OutputFormat ofBitDepth(int bits) {
            if (bits < 1 || bits > 32) {
                throw new IllegalArgumentException("bit depth " + bits);
            }
            return bits <= 16 ? BITS_16_OR_LESS : FLOAT32;
        }

        /** From an evalscript {@code sampleType}: UINT8, UINT16, AUTO, INT8, INT16 or FLOAT32. */
        public static OutputFormat ofSampleType(String sampleType) {
            switch (sampleType.toUpperCase(Locale.ROOT)) {
                case "UINT8", "UINT16", "INT8", "INT16", "AUTO":
                    return BITS_16_OR_LESS;
                case "FLOAT32":
                    return FLOAT32;
                default:
                    throw new IllegalArgumentException("unknown sampleType '" + sampleType + "'");
            }
        }
    }

    private SentinelHubUnits() {
    }

    /**
     * PU of a Process API request.
     *
     * @param widthPx     output width in pixels (or the bounding box over {@code resx})
     * @param heightPx    output height in pixels
     * @param inputBands  input bands counted as the definition says ({@link #countedBands})
     * @param dataSamples data samples per pixel, at least 1
     * @param format      output format
     */
    public static double process(int widthPx, int heightPx, int inputBands, int dataSamples, OutputFormat format) {
        return Math.max(MIN_PROCESS, product(widthPx, heightPx, inputBands, dataSamples, format));
    }

    /**
     * PU of a Statistical API request (no output-format factor; see the class documentation for intervals).
     *
     * @param widthPx     bounding box width over {@code resx}, in pixels ({@link #pixels})
     * @param heightPx    bounding box height over {@code resy}
     * @param inputBands  input bands counted as the definition says ({@link #countedBands})
     * @param dataSamples data samples per pixel: one per aggregation interval for SIMPLE mosaicking
     */
    public static double statistical(int widthPx, int heightPx, int inputBands, int dataSamples) {
        return Math.max(MIN_STATISTICAL,
                product(widthPx, heightPx, inputBands, dataSamples, OutputFormat.BITS_16_OR_LESS));
    }

    private static double product(int widthPx, int heightPx, int inputBands, int dataSamples, OutputFormat format) {
        if (widthPx < 1 || heightPx < 1 || inputBands < 1 || dataSamples < 1) {
            throw new IllegalArgumentException("width " + widthPx + " px, height " + heightPx + " px, "
                    + inputBands + " input bands, " + dataSamples + " data samples: each must be at least 1");
        }
        double area = Math.max(MIN_AREA_FACTOR, (double) widthPx * heightPx / PIXELS_PER_UNIT);
        return area * (inputBands / 3.0) * format.factor() * dataSamples;
    }

    /** Input bands as the definition counts them: {@code dataMask} only when it is the only band. */
    public static int countedBands(Collection<String> bands) {
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("no input bands");
        }
        int n = (int) bands.stream().filter(b -> !b.equals("dataMask")).count();
        return n == 0 ? 1 : n;
    }

    /** Pixels across an extent at a resolution (same unit, e.g. metres), rounded up as the request grid is. */
    public static int pixels(double extent, double resolution) {
        if (!(extent > 0) || !(resolution > 0)) {
            throw new IllegalArgumentException("extent " + extent + ", resolution " + resolution);
        }
        return (int) Math.ceil(extent / resolution - 1e-9);
    }
}
