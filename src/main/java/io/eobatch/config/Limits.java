package io.eobatch.config;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

import io.eobatch.aoi.AoiLimits;

/**
 * The limits that keep one request from overwhelming the server: what a client may ask for, refused with a 4xx
 * problem naming the field and the limit before anything is written or started. Each is a MicroProfile Config key
 * (environment variable: upper case, {@code _} for {@code .} and {@code -}); the README's Security section has the
 * table. Read at each check, so a changed config source takes effect without a redeploy where the source allows it.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>key</th><th>default</th><th>what</th></tr>
 *   <tr><td>{@code eobatch.limits.json-body-bytes}</td><td>1 MiB</td><td>a JSON request body (413)</td></tr>
 *   <tr><td>{@code eobatch.limits.earliest-date}</td><td>1972-07-23</td><td>no {@code from}/{@code to} before it
 *       (the first Landsat's launch: no catalog has an older scene)</td></tr>
 *   <tr><td>{@code eobatch.limits.days-ahead}</td><td>366</td><td>no date more than this many days after today
 *       (UTC)</td></tr>
 *   <tr><td>{@code eobatch.limits.<job>.max-period-days}</td><td>3660; tiled-composite 366</td><td>days from
 *       {@code from} to {@code to}, both included</td></tr>
 *   <tr><td>{@code eobatch.limits.aoi-timelapse.max-aoi-months}</td><td>20000</td><td>AOIs x calendar months of
 *       a time-lapse (one image per AOI and month)</td></tr>
 *   <tr><td>{@code eobatch.limits.tiled-composite.max-tile-pixels}</td><td>4194304 (2048 x 2048)</td><td>pixels
 *       of one tile with its buffer (a tile is composited in memory)</td></tr>
 *   <tr><td>{@code eobatch.limits.tiled-composite.max-tiles}</td><td>10000</td><td>tiles over the area's
 *       bounding box</td></tr>
 *   <tr><td>{@code eobatch.limits.aoi-vertices}</td><td>50000</td><td>vertices of one uploaded AOI (413)</td></tr>
 *   <tr><td>{@code eobatch.limits.aoi-features}</td><td>10000</td><td>features of one AOI upload (413)</td></tr>
 *   <tr><td>{@code eobatch.limits.aoi-geometry-chars}</td><td>1048576</td><td>characters of GeoJSON of one uploaded
 *       geometry (413)</td></tr>
 *   <tr><td>{@code eobatch.limits.aoi-body-bytes}</td><td>10 MiB</td><td>an AOI upload's body, GeoJSON or
 *       GeoPackage (413); at most 1 GiB</td></tr>
 * </table>
 *
 * @param jsonBodyBytes    most bytes of a JSON request body
 * @param earliestDate     the earliest date a job's period may name
 * @param daysAhead        how many days after today (UTC) a date may be
 * @param statisticsDays   aoi-statistics' longest period, days
 * @param timelapseDays    aoi-timelapse's longest period, days
 * @param compositeDays    tiled-composite's longest period, days
 * @param aoiMonths        aoi-timelapse's most AOIs x months
 * @param tilePixels       tiled-composite's most pixels of a tile with its buffer
 * @param tiles            tiled-composite's most tiles
 * @param aoiVertices      most vertices of one AOI
 * @param aoiUpload        the size limits of an AOI upload: features, geometry characters, body bytes
 */
public record Limits(long jsonBodyBytes, LocalDate earliestDate, int daysAhead, int statisticsDays, int timelapseDays,
                     int compositeDays, long aoiMonths, long tilePixels, long tiles, int aoiVertices,
                     AoiLimits aoiUpload) {

    public static final String PREFIX = "eobatch.limits.";
    public static final String JSON_BODY_BYTES = PREFIX + "json-body-bytes";
    public static final String EARLIEST_DATE = PREFIX + "earliest-date";
    public static final String DAYS_AHEAD = PREFIX + "days-ahead";
    public static final String AOI_MONTHS = PREFIX + "aoi-timelapse.max-aoi-months";
    public static final String TILE_PIXELS = PREFIX + "tiled-composite.max-tile-pixels";
    public static final String TILES = PREFIX + "tiled-composite.max-tiles";
    public static final String AOI_VERTICES = PREFIX + "aoi-vertices";

    /** The defaults, when nothing is configured. */
    public static final Limits DEFAULTS = new Limits(1L << 20, LocalDate.of(1972, 7, 23), 366, 3660, 3660, 366,
            20_000, 2048L * 2048, 10_000, 50_000, AoiLimits.DEFAULTS);

    /** The key of job {@code job}'s longest period, days. */
    public static String maxPeriodKey(String job) {
        return PREFIX + job + ".max-period-days";
    }

    /** Every key of these limits. */
    public static final java.util.List<String> KEYS = java.util.List.of(JSON_BODY_BYTES, EARLIEST_DATE, DAYS_AHEAD,
            maxPeriodKey("aoi-statistics"), maxPeriodKey("aoi-timelapse"), maxPeriodKey("tiled-composite"), AOI_MONTHS,
            TILE_PIXELS, TILES, AOI_VERTICES, AoiLimits.KEY_FEATURES, AoiLimits.KEY_GEOMETRY_CHARS,
            AoiLimits.KEY_BODY_BYTES);

    /**
     * The limits as configured now. A wrong value never fails the request that reads it (a client would see a 500 for
     * the server's mistake): it is logged as a WARNING naming the key and the value, and that limit's default is
     * used. Start-up refuses wrong values ({@link SettingsCheck}), so this meets only one changed on the running
     * server.
     */
    public static Limits current() {
        return lenient(Settings.lookup());
    }

    /** The limits from {@code config} as {@link #current()} reads them: a wrong value logged and its default used. */
    static Limits lenient(Function<String, Optional<String>> config) {
        return from(key -> {
            Optional<String> v = config.apply(key);
            if (v.isPresent()) {
                try {
                    from(k -> k.equals(key) ? v : Optional.empty());
                } catch (IllegalStateException e) {
                    Settings.warnOnce(e.getMessage() + "; using its default");
                    return Optional.empty();
                }
            }
            return v;
        });
    }

    /** The limits from {@code config} (keys to values), defaults where a key is absent; a map stands in in tests. */
    public static Limits from(Function<String, Optional<String>> config) {
        Limits d = DEFAULTS;
        return new Limits(
                positive(config, JSON_BODY_BYTES, d.jsonBodyBytes),
                date(config, EARLIEST_DATE, d.earliestDate),
                (int) Math.min(Integer.MAX_VALUE, nonNegative(config, DAYS_AHEAD, d.daysAhead)),
                positiveInt(config, maxPeriodKey("aoi-statistics"), d.statisticsDays),
                positiveInt(config, maxPeriodKey("aoi-timelapse"), d.timelapseDays),
                positiveInt(config, maxPeriodKey("tiled-composite"), d.compositeDays),
                positive(config, AOI_MONTHS, d.aoiMonths),
                positive(config, TILE_PIXELS, d.tilePixels),
                positive(config, TILES, d.tiles),
                positiveInt(config, AOI_VERTICES, d.aoiVertices),
                new AoiLimits(positiveInt(config, AoiLimits.KEY_FEATURES, d.aoiUpload.maxFeatures()),
                        positiveInt(config, AoiLimits.KEY_GEOMETRY_CHARS, d.aoiUpload.maxGeometryChars()),
                        positive(config, AoiLimits.KEY_BODY_BYTES, d.aoiUpload.maxBodyBytes(),
                                AoiLimits.MAX_BODY_BYTES_SETTING)));
    }

    /** The longest period of job {@code job}, days (both ends included); the statistics' for an unknown job. */
    public int maxPeriodDays(String job) {
        return switch (job) {
            case "aoi-timelapse" -> timelapseDays;
            case "tiled-composite" -> compositeDays;
            default -> statisticsDays;
        };
    }

    /** The latest date a period may name: {@link #daysAhead} after {@code today}. */
    public LocalDate latestDate(LocalDate today) {
        return today.plusDays(daysAhead);
    }

    private static long positive(Function<String, Optional<String>> config, String key, long def) {
        return positive(config, key, def, Long.MAX_VALUE);
    }

    /** A positive setting that must fit an {@code int}. */
    private static int positiveInt(Function<String, Optional<String>> config, String key, long def) {
        return (int) positive(config, key, def, Integer.MAX_VALUE);
    }

    private static long positive(Function<String, Optional<String>> config, String key, long def, long most) {
        long v = nonNegative(config, key, def);
        if (v == 0) {
            throw new IllegalStateException(key + " must be positive");
        }
        if (v > most) {
            throw new IllegalStateException(key + " must be at most " + most + ": " + v);
        }
        return v;
    }

    private static long nonNegative(Function<String, Optional<String>> config, String key, long def) {
        Optional<String> v = config.apply(key).map(String::strip).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return def;
        }
        try {
            long n = Long.parseLong(v.get().replace("_", ""));
            if (n < 0) {
                throw new IllegalStateException(key + " must not be negative: " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " is not a whole number: '" + v.get() + "'", e);
        }
    }

    private static LocalDate date(Function<String, Optional<String>> config, String key, LocalDate def) {
        Optional<String> v = config.apply(key).map(String::strip).filter(s -> !s.isEmpty());
        try {
            return v.map(LocalDate::parse).orElse(def);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(key + " is not a date (yyyy-MM-dd): '" + v.get() + "'", e);
        }
    }
}
