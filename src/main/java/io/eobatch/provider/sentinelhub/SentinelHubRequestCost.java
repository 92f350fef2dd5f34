package io.eobatch.provider.sentinelhub;

import io.eobatch.raster.stats.SpectralIndex;
import java.time.temporal.ChronoUnit;

/**
 * Sentinel Hub processing units (PU) of a request, from the published definition ("Processing Unit definition" of
 * the Sentinel Hub API documentation): one PU is a request for 512 x 512 output pixels, 3 input bands, one data
 * sample per pixel and an output format of at most 16 bits, multiplied by
 * <ul>
 *   <li>the area factor: pixels / (512 x 512), at least 0.01;</li>
 *   <li>the band factor: input bands / 3, where {@code dataMask} does not count (SCL does);</li>
 *   <li>the output factor: 2 for a 32-bit float TIFF, 1 for PNG (and for the Statistical API's JSON);</li>
 *   <li>the number of data samples per pixel: 1 for the SIMPLE mosaicking used here;</li>
 * </ul>
 * with a minimum of {@value #MIN_STATISTICAL} PU per Statistical API request and {@value #MIN_PROCESS} per Process API
 * request.
 *
 * <p>Two readings that the page leaves open, and that a bill could contradict: a Statistical API request is counted
 * as one process request per aggregation interval (its area and bands, times the number of intervals); a Catalog API
 * search page is {@value #CATALOG_PER_10000_KM2_MONTH} PU per started 10 000 km² of the search area's bounding box and
 * per started month of the period (the "data querying" table of the Copernicus Data Space version of the page, as
 * discussed in the Sentinel Hub forum thread "Catalog API PU calculation").
 *
 * <p>The one PU calculator of eobatch: the clients charge the throttle with it, the estimate and the {@code budget}
 * parameter count with it.
 */
public final class SentinelHubRequestCost {

    /** Pixels of one PU (512 x 512). */
    public static final double PU_PIXELS = 512.0 * 512.0;
    /** Input bands of one PU. */
    public static final double PU_BANDS = 3.0;
    /** Smallest area factor. */
    public static final double MIN_AREA_FACTOR = 0.01;
    /** Smallest cost of a Statistical API request. */
    public static final double MIN_STATISTICAL = 0.01;
    /** Smallest cost of a Process API request. */
    public static final double MIN_PROCESS = 0.005;
    /** Cost of a Catalog API page per started 10 000 km² and started month. */
    public static final double CATALOG_PER_10000_KM2_MONTH = 0.01;

    private SentinelHubRequestCost() {
    }

    /** max(0.01, width x height / 512²). */
    public static double areaFactor(long width, long height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("pixel size must be positive: " + width + "x" + height);
        }
        return Math.max(MIN_AREA_FACTOR, (double) width * height / PU_PIXELS);
    }

    /** inputBands / 3 ({@code dataMask} excluded by the caller). */
    public static double bandFactor(int inputBands) {
        if (inputBands < 1) {
            throw new IllegalArgumentException("at least one input band: " + inputBands);
        }
        return inputBands / PU_BANDS;
    }

    /** PU of a Statistical API request over {@code intervals} intervals of a width x height grid. */
    public static double statistical(long width, long height, int inputBands, int intervals) {
        if (intervals < 1) {
            throw new IllegalArgumentException("at least one interval: " + intervals);
        }
        return Math.max(MIN_STATISTICAL, areaFactor(width, height) * bandFactor(inputBands) * intervals);
    }

    /** PU of a Process API request for a width x height image ({@code float32}: a 32-bit float TIFF). */
    public static double process(long width, long height, int inputBands, boolean float32) {
        return Math.max(MIN_PROCESS, areaFactor(width, height) * bandFactor(inputBands) * (float32 ? 2 : 1));
    }

    /** PU of a Catalog API search page over {@code areaKm2} and {@code months} months. */
    public static double catalog(double areaKm2, long months) {
        long areas = Math.max(1, (long) Math.ceil(areaKm2 / 10_000.0 - 1e-12));
        return CATALOG_PER_10000_KM2_MONTH * areas * Math.max(1, months);
    }

    /** Input bands (dataMask excluded) of the statistics or index evalscript of {@code index}: its bands and SCL. */
    public static int indexInputBands(SpectralIndex index) {
        return index.bands().size() + 1;
    }

    /** PU of {@code r}: its AOI's bounding box at its resolution, its index's bands and SCL, its interval count. */
    public static double of(StatisticsRequest r) {
        long[] px = SentinelHubRequests.pixels(r.aoi(), r.resolutionMetres());
        return statistical(px[0], px[1], indexInputBands(r.index()), r.intervals());
    }

    /** PU of {@code r}: its image size, 3 bands for true colour or the index's bands and SCL, PNG output. */
    public static double of(ImageRequest r) {
        return process(r.width(), r.height(), r.trueColour() ? 3 : indexInputBands(r.index()), false);
    }

    /** PU of one page of {@code s}: its area's bounding box and the started months of its period. */
    public static double of(CatalogSearch s) {
        double area;
        if (s.intersects() != null) {
            area = SentinelHubRequests.bboxAreaKm2(s.intersects());
        } else {
            double[] b = s.bbox();
            double west = b[0];
            double east = b[2] < b[0] ? b[2] + 360 : b[2];
            double[] d = SentinelHubRequests.degreesPerMetre((b[1] + b[3]) / 2);
            area = ((east - west) / d[0]) * ((b[3] - b[1]) / d[1]) / 1e6;
        }
        long months = ChronoUnit.MONTHS.between(s.from().withDayOfMonth(1), s.to().withDayOfMonth(1)) + 1;
        return catalog(area, months);
    }
}
