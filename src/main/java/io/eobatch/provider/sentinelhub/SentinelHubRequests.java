package io.eobatch.provider.sentinelhub;

import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.stats.Band;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.GeoJson;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import io.eobatch.results.JsonValues;

/**
 * The JSON bodies and evalscripts eobatch sends to Sentinel Hub, built from the request records. Pure functions, so
 * that the tests can compare what is sent with what is expected, and the estimate can compute costs without a call.
 *
 * <p>Shapes follow the Sentinel Hub API documentation (Statistical API, Process API, Catalog API 1.0.0 pages and
 * the API reference):
 * <ul>
 *   <li>{@code input.bounds}: the AOI as GeoJSON with {@code properties.crs} {@value #CRS84} (lon/lat); resolutions
 *       in that CRS are degrees, converted from metres at the AOI's centre latitude;</li>
 *   <li>{@code input.data[0]}: {@code type} sentinel-2-l2a, {@code dataFilter} with {@code maxCloudCoverage} and
 *       {@code mosaickingOrder} leastCC (the least cloudy scene first in each interval);</li>
 *   <li>Statistical API: {@code aggregation} with {@code timeRange} [start, end), {@code aggregationInterval.of} (ISO
 *       period, {@code lastIntervalBehavior} SHORTEN), {@code resx}/{@code resy}, the evalscript; {@code calculations}
 *       asking percentiles 10, 50, 90 and a 20-bin histogram over [-1, 1] (the bins of
 *       {@link io.eobatch.raster.stats.IndexStatistics.Histogram#empty()});</li>
 *   <li>Process API: {@code output} width, height and one PNG response;</li>
 *   <li>Catalog API: STAC item search with {@code datetime}, {@code intersects} or {@code bbox}, {@code limit} and
 *       the cloud limit as a CQL2 text {@code filter} (1.0.0 replaced {@code query} with {@code filter}).</li>
 * </ul>
 *
 * <p>The evalscripts apply the same pixel rule as the in-process statistics of the {@code stac} provider: a pixel
 * counts when {@code dataMask} is 1, its SCL class is not in {@link CloudMask#DEFAULT} ({0, 1, 3, 8, 9, 10}, unknown
 * classes above 11 rejected too) and the index is finite (a zero denominator is invalid). Sentinel Hub serves
 * harmonised reflectance (BOA offset removed), so the index is computed on reflectance directly.
 */
public final class SentinelHubRequests {

    /** WGS84 longitude/latitude, the CRS of every geometry eobatch sends. */
    public static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    public static final String STATISTICS_PATH = "/api/v1/statistics";
    public static final String PROCESS_PATH = "/api/v1/process";
    public static final String CATALOG_SEARCH_PATH = "/api/v1/catalog/1.0.0/search";
    /** Percentiles asked of the Statistical API (percent). */
    public static final int[] PERCENTILES = {10, 50, 90};
    /** The histogram asked of the Statistical API: bins, low edge, high edge. */
    public static final int HISTOGRAM_BINS = 20;
    public static final double HISTOGRAM_LOW = -1.0;
    public static final double HISTOGRAM_HIGH = 1.0;
    /** Gain of the true-colour rendering (reflectance 0.4 becomes white). */
    public static final double TRUE_COLOUR_GAIN = 2.5;

    private SentinelHubRequests() {
    }

    /** The evalscript output id of {@code index}'s statistics ("ndvi"); its one band is called "B0". */
    public static String outputId(SpectralIndex index) {
        return index.name().toLowerCase(Locale.ROOT);
    }

    /** The Statistical API body of {@code r}. */
    public static JsonObject statistics(StatisticsRequest r) {
        double[] res = degrees(r.aoi(), r.resolutionMetres());
        JsonArrayBuilder k = JsonValues.JSON.createArrayBuilder();
        for (int p : PERCENTILES) {
            k.add(p);
        }
        JsonObject calculations = JsonValues.JSON.createObjectBuilder()
                .add("default", JsonValues.JSON.createObjectBuilder()
                        .add("statistics", JsonValues.JSON.createObjectBuilder()
                                .add("default", JsonValues.JSON.createObjectBuilder()
                                        .add("percentiles", JsonValues.JSON.createObjectBuilder().add("k", k))))
                        .add("histograms", JsonValues.JSON.createObjectBuilder()
                                .add("default", JsonValues.JSON.createObjectBuilder()
                                        .add("nBins", HISTOGRAM_BINS)
                                        .add("lowEdge", HISTOGRAM_LOW)
                                        .add("highEdge", HISTOGRAM_HIGH))))
                .build();
        return JsonValues.JSON.createObjectBuilder()
                .add("input", input(r.aoi(), r.maxCloudCover(), null, null))
                .add("aggregation", JsonValues.JSON.createObjectBuilder()
                        .add("timeRange", timeRange(r.start(), r.end()))
                        .add("aggregationInterval", JsonValues.JSON.createObjectBuilder()
                                .add("of", r.aggregationInterval().toString())
                                .add("lastIntervalBehavior", "SHORTEN"))
                        .add("resx", res[0])
                        .add("resy", res[1])
                        .add("evalscript", statisticsEvalscript(r.index())))
                .add("calculations", calculations)
                .build();
    }

    /** The Process API body of {@code r}. */
    public static JsonObject process(ImageRequest r) {
        return JsonValues.JSON.createObjectBuilder()
                .add("input", input(r.aoi(), r.maxCloudCover(), r.start(), r.end()))
                .add("output", JsonValues.JSON.createObjectBuilder()
                        .add("width", r.width())
                        .add("height", r.height())
                        .add("responses", JsonValues.JSON.createArrayBuilder().add(JsonValues.JSON.createObjectBuilder()
                                .add("identifier", "default")
                                .add("format", JsonValues.JSON.createObjectBuilder().add("type", "image/png")))))
                .add("evalscript", r.trueColour() ? trueColourEvalscript() : indexEvalscript(r.index(), r.colorMap()))
                .build();
    }

    /** The Catalog API search body of {@code s}; {@code next} is the paging token of the page wanted, or null. */
    public static JsonObject catalogSearch(CatalogSearch s, JsonValue next) {
        JsonObjectBuilder b = JsonValues.JSON.createObjectBuilder()
                .add("collections", JsonValues.JSON.createArrayBuilder().add(s.collection()))
                .add("datetime", iso(s.start()) + "/" + iso(s.endInclusive()));
        if (s.intersects() != null) {
            b.add("intersects", GeoJson.write(s.intersects()));
        } else {
            JsonArrayBuilder a = JsonValues.JSON.createArrayBuilder();
            for (double d : s.bbox()) {
                a.add(d);
            }
            b.add("bbox", a);
        }
        b.add("limit", s.limit());
        if (s.maxCloudCover() != null) {
            b.add("filter", "eo:cloud_cover <= " + plain(s.maxCloudCover()));
            b.add("filter-lang", "cql2-text");
        }
        if (next != null) {
            b.add("next", next);
        }
        return b.build();
    }

    private static JsonObject input(Geometry aoi, Double maxCloudCover, Instant from, Instant to) {
        JsonObjectBuilder filter = JsonValues.JSON.createObjectBuilder();
        if (from != null) {
            filter.add("timeRange", timeRange(from, to));
        }
        if (maxCloudCover != null) {
            filter.add("maxCloudCoverage", maxCloudCover.doubleValue());
        }
        filter.add("mosaickingOrder", "leastCC");
        return JsonValues.JSON.createObjectBuilder()
                .add("bounds", JsonValues.JSON.createObjectBuilder()
                        .add("geometry", GeoJson.write(aoi))
                        .add("properties", JsonValues.JSON.createObjectBuilder().add("crs", CRS84)))
                .add("data", JsonValues.JSON.createArrayBuilder().add(JsonValues.JSON.createObjectBuilder()
                        .add("type", CatalogSearch.SENTINEL_2_L2A)
                        .add("dataFilter", filter)))
                .build();
    }

    private static JsonObject timeRange(Instant from, Instant to) {
        return JsonValues.JSON.createObjectBuilder().add("from", iso(from)).add("to", iso(to)).build();
    }

    static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** The Sentinel-2 band names {@code index} reads, in {@link SpectralIndex#bands()} order. */
    static List<String> bandNames(SpectralIndex index) {
        return index.bands().stream().map(Band::sentinel2Name).collect(Collectors.toList());
    }

    /** The input bands of the statistics and index evalscripts: the index bands, SCL and dataMask. */
    static List<String> indexInputBands(SpectralIndex index) {
        List<String> b = new ArrayList<>(bandNames(index));
        b.add("SCL");
        b.add("dataMask");
        return b;
    }

    /** The JavaScript expression of {@code index} over the sample {@code s} (reflectance). */
    static String indexExpression(SpectralIndex index) {
        switch (index) {
            case NDVI:
                return "(s.B08 - s.B04) / (s.B08 + s.B04)";
            case NDWI:
                return "(s.B03 - s.B08) / (s.B03 + s.B08)";
            case EVI:
                return "2.5 * (s.B08 - s.B04) / (s.B08 + 6 * s.B04 - 7.5 * s.B02 + 1)";
            default:
                throw new IllegalArgumentException("no evalscript for " + index);
        }
    }

    private static String maskedClasses() {
        return CloudMask.DEFAULT.invalidClasses().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String inputBands(List<String> bands) {
        return bands.stream().map(b -> "\"" + b + "\"").collect(Collectors.joining(", "));
    }

    /** The valid-pixel test shared by the index evalscripts, over sample {@code s} and index value {@code v}. */
    private static String validTest() {
        return "s.dataMask === 1 && MASKED.indexOf(s.SCL) < 0 && s.SCL <= " + CloudMask.MAX_KNOWN_CLASS + " && isFinite(v)";
    }

    /** The evalscript of the Statistical API: output {@link #outputId} (FLOAT32) and dataMask. */
    public static String statisticsEvalscript(SpectralIndex index) {
        String id = outputId(index);
        return "//VERSION=3\n"
                + "// eobatch " + index + " statistics; SCL classes " + maskedClasses() + " and unknown classes masked\n"
                + "function setup() {\n"
                + "  return {\n"
                + "    input: [{bands: [" + inputBands(indexInputBands(index)) + "]}],\n"
                + "    output: [{id: \"" + id + "\", bands: 1, sampleType: \"FLOAT32\"}, {id: \"dataMask\", bands: 1}]\n"
                + "  };\n"
                + "}\n"
                + "const MASKED = [" + maskedClasses() + "];\n"
                + "function evaluatePixel(s) {\n"
                + "  const v = " + indexExpression(index) + ";\n"
                + "  const ok = " + validTest() + ";\n"
                + "  return {" + id + ": [ok ? v : NaN], dataMask: [ok ? 1 : 0]};\n"
                + "}\n";
    }

    /**
     * The evalscript of an index PNG: RGBA, the colour of {@code map} (its anchor colours blended linearly between
     * equally spaced values over [min, max], as {@link ColorMap} does) and alpha 0 where the pixel is invalid.
     */
    public static String indexEvalscript(SpectralIndex index, ColorMap map) {
        int anchors = anchors(map);
        StringBuilder stops = new StringBuilder();
        StringBuilder colours = new StringBuilder();
        for (int i = 0; i < anchors; i++) {
            double value = map.min() + (map.max() - map.min()) * i / (anchors - 1);
            int rgb = map.rgb(value);
            if (i > 0) {
                stops.append(", ");
                colours.append(", ");
            }
            stops.append(plain(Math.round(value * 1e10) / 1e10));
            colours.append('[').append(channel(rgb >> 16)).append(", ").append(channel(rgb >> 8)).append(", ")
                    .append(channel(rgb)).append(']');
        }
        return "//VERSION=3\n"
                + "// eobatch " + index + " image, colour map " + map.name() + " [" + plain(map.min()) + ", "
                + plain(map.max()) + "]; SCL classes " + maskedClasses() + " and unknown classes transparent\n"
                + "function setup() {\n"
                + "  return {\n"
                + "    input: [{bands: [" + inputBands(indexInputBands(index)) + "]}],\n"
                + "    output: {bands: 4, sampleType: \"AUTO\"}\n"
                + "  };\n"
                + "}\n"
                + "const MASKED = [" + maskedClasses() + "];\n"
                + "const STOPS = [" + stops + "];\n"
                + "const COLOURS = [" + colours + "];\n"
                + "function evaluatePixel(s) {\n"
                + "  const v = " + indexExpression(index) + ";\n"
                + "  const ok = " + validTest() + ";\n"
                + "  if (!ok) {\n"
                + "    return [0, 0, 0, 0];\n"
                + "  }\n"
                + "  const c = colorBlend(Math.min(Math.max(v, STOPS[0]), STOPS[STOPS.length - 1]), STOPS, COLOURS);\n"
                + "  return [c[0], c[1], c[2], 1];\n"
                + "}\n";
    }

    /** The evalscript of a true-colour PNG: B04, B03, B02 times {@value #TRUE_COLOUR_GAIN}, alpha = dataMask. */
    public static String trueColourEvalscript() {
        return "//VERSION=3\n"
                + "// eobatch true colour\n"
                + "function setup() {\n"
                + "  return {\n"
                + "    input: [{bands: [\"B04\", \"B03\", \"B02\", \"dataMask\"]}],\n"
                + "    output: {bands: 4, sampleType: \"AUTO\"}\n"
                + "  };\n"
                + "}\n"
                + "function evaluatePixel(s) {\n"
                + "  return [" + plain(TRUE_COLOUR_GAIN) + " * s.B04, " + plain(TRUE_COLOUR_GAIN) + " * s.B03, "
                + plain(TRUE_COLOUR_GAIN) + " * s.B02, s.dataMask];\n"
                + "}\n";
    }

    /** Number of equally spaced anchor colours of a {@link ColorMap} ramp: 9 for Blues, 11 for RdYlGn and viridis. */
    private static int anchors(ColorMap map) {
        switch (map.name().toLowerCase(Locale.ROOT)) {
            case "blues":
                return 9;
            default:
                return 11;
        }
    }

    private static String channel(int c) {
        return plain(Math.round((c & 0xff) / 255.0 * 10000) / 10000.0);
    }

    /**
     * Degrees of longitude and of latitude per metre at latitude {@code latDeg} on the WGS84 ellipsoid (the usual
     * series for the length of a degree; within a centimetre per degree of the exact values).
     */
    public static double[] degreesPerMetre(double latDeg) {
        double phi = Math.toRadians(latDeg);
        double mLat = 111132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi) - 0.0023 * Math.cos(6 * phi);
        double mLon = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi) + 0.118 * Math.cos(5 * phi);
        return new double[] {1 / Math.max(mLon, 1e-6), 1 / mLat};
    }

    /** [resx, resy] in degrees for {@code metres} at the centre latitude of {@code aoi}'s envelope. */
    public static double[] degrees(Geometry aoi, double metres) {
        Envelope e = aoi.getEnvelopeInternal();
        double[] d = degreesPerMetre((e.getMinY() + e.getMaxY()) / 2);
        return new double[] {metres * d[0], metres * d[1]};
    }

    /** [width, height] in pixels of {@code aoi}'s bounding box at {@code metres} (at least 1 x 1). */
    public static long[] pixels(Geometry aoi, double metres) {
        Envelope e = aoi.getEnvelopeInternal();
        double[] res = degrees(aoi, metres);
        long w = Math.max(1, (long) Math.ceil(e.getWidth() / res[0] - 1e-9));
        long h = Math.max(1, (long) Math.ceil(e.getHeight() / res[1] - 1e-9));
        return new long[] {w, h};
    }

    /** Area of {@code aoi}'s bounding box in km² (on the sphere of the degree lengths above). */
    public static double bboxAreaKm2(Geometry aoi) {
        Envelope e = aoi.getEnvelopeInternal();
        double[] d = degreesPerMetre((e.getMinY() + e.getMaxY()) / 2);
        return (e.getWidth() / d[0]) * (e.getHeight() / d[1]) / 1e6;
    }
}
