package io.eobatch.aoi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.ProjCoordinate;

import io.eobatch.aoi.AoiRejectedException.Kind;
import io.eobatch.raster.Crs;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.LineString;
import mil.nga.sf.MultiPolygon;
import mil.nga.sf.Point;
import mil.nga.sf.util.filter.GeometryFilter;
import mil.nga.sf.wkb.GeometryReader;

/**
 * Reads AOIs from a GeoPackage file (OGC 12-128) with NGA's {@code mil.nga.geopackage} library (SQLite through
 * sqlite-jdbc).
 *
 * <ul>
 *   <li>layers: every feature table, or only the one asked for;</li>
 *   <li>id: the value of a column named {@code id} (any case) when it has one and it is not null, else the
 *       feature id ({@code fid}); with several layers and no {@code id} column, fids may repeat and the upload is
 *       then refused with 409 (choose a layer);</li>
 *   <li>name: a column named {@code name} (any case), else the id;</li>
 *   <li>geometry: Polygon or MultiPolygon (Z/M dropped). A layer in another EPSG CRS than 4326 is reprojected to
 *       EPSG:4326 with proj4j (x = longitude); SRS 0 ("undefined geographic") is taken as lon/lat; other SRSs
 *       are refused.</li>
 * </ul>
 * The rings go through the same checks as GeoJSON ({@link AoiGeometries}), so an unclosed ring is refused rather
 * than silently closed, and the WKB is parsed without the library's default point filter (which drops NaN
 * points without a word): see {@link #wkbOf}. Refusals name the feature as {@code <layer>[fid=<fid>]}.
 */
public final class GeoPackageAoiReader {

    private static final Logger LOG = Logger.getLogger(GeoPackageAoiReader.class.getName());
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Instant created;
    /** The size limits of this upload. */
    private final AoiLimits limits;
    private final List<AoiRejectedException.Issue> issues = new ArrayList<>();
    private Kind firstKind;
    private String firstLayer;
    private Long firstFid;

    private GeoPackageAoiReader(Instant created, AoiLimits limits) {
        this.created = created;
        this.limits = limits;
    }

    /** Whether {@code head} starts like an SQLite 3 database file (every GeoPackage does). */
    public static boolean looksLikeSqlite(byte[] head) {
        return head.length >= SQLITE_MAGIC.length
                && Arrays.equals(Arrays.copyOf(head, SQLITE_MAGIC.length), SQLITE_MAGIC);
    }

    /** The AOIs of a GeoPackage given as bytes within the default limits ({@link AoiLimits#DEFAULTS}). */
    public static List<ParsedAoi> read(byte[] body, String layer, Instant created) {
        return read(body, layer, created, AoiLimits.DEFAULTS);
    }

    /** The AOIs of a GeoPackage given as bytes: written to a temporary file, read, and the file deleted. */
    public static List<ParsedAoi> read(byte[] body, String layer, Instant created, AoiLimits limits) {
        if (!looksLikeSqlite(body)) {
            throw AoiRejectedException.invalid("body", "the body is not a GeoPackage: it does not start with the"
                    + " SQLite 3 header");
        }
        Path file = null;
        try {
            file = Files.createTempFile("eobatch-aoi-", ".gpkg");
            Files.write(file, body);
            return read(file, layer, created, limits);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the uploaded GeoPackage to a temporary file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warning(() -> "could not delete the temporary GeoPackage " + e.getMessage());
                }
            }
        }
    }

    /** The AOIs of the GeoPackage {@code file} within the default limits ({@link AoiLimits#DEFAULTS}). */
    public static List<ParsedAoi> read(Path file, String layer, Instant created) {
        return read(file, layer, created, AoiLimits.DEFAULTS);
    }

    /**
     * The AOIs of the GeoPackage {@code file}.
     *
     * @param layer   the feature table to read, or {@code null} for all of them
     * @param created the creation time given to every AOI
     * @param limits  the most features and geometry characters accepted
     * @throws AoiRejectedException when anything is wrong: nothing of the file is then usable
     */
    public static List<ParsedAoi> read(Path file, String layer, Instant created, AoiLimits limits) {
        GeoPackage gpkg;
        try {
            gpkg = GeoPackageManager.open("upload", false, file.toFile(), true);
        } catch (RuntimeException e) {
            throw AoiRejectedException.invalid("body", "the body is not a readable GeoPackage: " + e.getMessage());
        }
        try (gpkg) {
            return new GeoPackageAoiReader(created, limits).readAll(gpkg, layer);
        } catch (AoiRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AoiRejectedException.invalid("body", "the GeoPackage could not be read: " + e);
        }
    }

    private List<ParsedAoi> readAll(GeoPackage gpkg, String layer) {
        List<String> tables = gpkg.getFeatureTables();
        if (layer != null && !layer.isBlank()) {
            if (!tables.contains(layer)) {
                throw AoiRejectedException.invalid("layer", "the GeoPackage has no feature table '" + layer
                        + "'; its feature tables are " + tables);
            }
            tables = List.of(layer);
        }
        if (tables.isEmpty()) {
            throw AoiRejectedException.invalid("body", "the GeoPackage has no feature table");
        }
        long total = 0;
        for (String table : tables) {
            total += gpkg.getFeatureDao(table).count();
        }
        if (total == 0) {
            throw AoiRejectedException.invalid("features", "the GeoPackage has no features in " + tables);
        }
        if (total > limits.maxFeatures()) {
            throw AoiRejectedException.tooLarge("features", "the GeoPackage has " + total + " features in "
                    + tables + "; at most " + limits.maxFeatures() + " are accepted in one upload (" + AoiLimits.KEY_FEATURES + ")");
        }
        List<ParsedAoi> aois = new ArrayList<>();
        for (String table : tables) {
            readTable(gpkg.getFeatureDao(table), table, aois);
        }
        if (!issues.isEmpty()) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("layer", firstLayer);
            if (firstFid != null) {
                facts.put("fid", firstFid);
            }
            throw AoiRejectedException.of(firstKind, issues, facts);
        }
        GeoJsonAoiReader.checkUniqueIds(aois);
        return aois;
    }

    private void readTable(FeatureDao dao, String table, List<ParsedAoi> aois) {
        CoordinateTransform toLonLat;
        try {
            toLonLat = transformToLonLat(dao.getSrs());
        } catch (InvalidGeometryException e) {
            issue(Kind.INVALID, table, null, e.getMessage());
            return;
        }
        String idColumn = column(dao.getTable().getColumnNames(), "id");
        String nameColumn = column(dao.getTable().getColumnNames(), "name");
        FeatureResultSet rows = dao.queryForAll();
        try {
            int geometryColumn = rows.getColumnIndex(dao.getGeometryColumnName());
            while (rows.moveToNext()) {
                FeatureRow row = rows.getRow();
                long fid = row.getId();
                String field = table + "[fid=" + fid + "]";
                ParsedAoi aoi = feature(row, rows.getBlob(geometryColumn), field, fid, idColumn, nameColumn,
                        toLonLat);
                if (aoi != null) {
                    aois.add(aoi);
                }
            }
        } finally {
            rows.close();
        }
    }

    private ParsedAoi feature(FeatureRow row, byte[] blob, String field, long fid, String idColumn,
            String nameColumn, CoordinateTransform toLonLat) {
        Object idValue = idColumn == null ? null : row.getValue(idColumn);
        String id = idValue == null ? Long.toString(fid) : scalar(idValue);
        String idProblem = Aoi.idProblem(id);
        if (idProblem != null) {
            issue(Kind.INVALID, field, fid, (idValue == null ? "fid: " : "column " + idColumn + ": ") + idProblem);
            return null;
        }
        Object nameValue = nameColumn == null ? null : row.getValue(nameColumn);
        String name = nameValue == null ? null : scalar(nameValue);
        if (name != null && name.length() > Aoi.MAX_NAME_LENGTH) {
            issue(Kind.INVALID, field, fid, "AOI '" + id + "': column " + nameColumn + " is longer than "
                    + Aoi.MAX_NAME_LENGTH + " characters");
            return null;
        }
        try {
            byte[] wkb = blob == null ? null : wkbOf(blob);
            mil.nga.sf.Geometry g = wkb == null ? null : GeometryReader.readGeometry(wkb, (GeometryFilter) null);
            if (g == null) {
                issue(Kind.INVALID, field, fid, "AOI '" + id + "': the feature has no geometry ("
                        + (blob == null ? "null" : "empty") + ")");
                return null;
            }
            Geometry geometry = toJts(g, toLonLat == null);
            if (toLonLat != null) {
                geometry = reproject(geometry, toLonLat);
            }
            int chars = AoiGeometries.toGeoJson(geometry).length();
            if (chars > limits.maxGeometryChars()) {
                issue(Kind.TOO_LARGE, field, fid, "AOI '" + id + "': the geometry takes " + chars
                        + " characters of GeoJSON; at most " + limits.maxGeometryChars() + " are accepted (" + AoiLimits.KEY_GEOMETRY_CHARS + ")");
                return null;
            }
            AoiGeometries.validate(geometry);
            return new ParsedAoi(field, new Aoi(id, name, geometry, created));
        } catch (InvalidGeometryException e) {
            issue(Kind.INVALID, field, fid, "AOI '" + id + "': geometry" + (e.getMessage().startsWith("coord")
                    ? "." : ": ") + e.getMessage());
            return null;
        } catch (IOException | RuntimeException e) {
            issue(Kind.INVALID, field, fid, "AOI '" + id + "': the geometry could not be read: " + e);
            return null;
        }
    }

    /**
     * The WKB of a GeoPackage geometry blob (OGC 12-128 §2.1.3: "GP", version, flags, SRS id, envelope, WKB), or
     * {@code null} when the empty flag is set. Parsed here because the library's row API parses the WKB with a
     * filter that drops non-finite points without a word, and re-serialises what is left.
     */
    static byte[] wkbOf(byte[] blob) {
        if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
            throw new InvalidGeometryException("the geometry is not a GeoPackage geometry blob (no 'GP' header)");
        }
        int flags = blob[3];
        int envelopeBytes = switch ((flags >> 1) & 0x07) {
            case 0 -> 0;
            case 1 -> 32;
            case 2, 3 -> 48;
            case 4 -> 64;
            default -> throw new InvalidGeometryException("the geometry blob has an invalid envelope indicator");
        };
        if ((flags & 0x10) != 0) {
            return null;
        }
        if (blob.length <= 8 + envelopeBytes) {
            throw new InvalidGeometryException("the geometry blob is truncated");
        }
        return Arrays.copyOfRange(blob, 8 + envelopeBytes, blob.length);
    }

    /** A JTS Polygon/MultiPolygon of {@code g}, through the ring checks of {@link AoiGeometries#polygon}. */
    static Geometry toJts(mil.nga.sf.Geometry g, boolean lonLat) {
        if (g.isEmpty()) {
            throw new InvalidGeometryException("the geometry is empty");
        }
        if (g instanceof mil.nga.sf.Polygon p && g.getGeometryType() == mil.nga.sf.GeometryType.POLYGON) {
            return AoiGeometries.polygon(rings(p), "coordinates", lonLat);
        }
        if (g instanceof MultiPolygon mp && g.getGeometryType() == mil.nga.sf.GeometryType.MULTIPOLYGON) {
            List<Polygon> polygons = new ArrayList<>();
            List<mil.nga.sf.Polygon> parts = mp.getPolygons();
            for (int i = 0; i < parts.size(); i++) {
                polygons.add(AoiGeometries.polygon(rings(parts.get(i)), "coordinates[" + i + "]", lonLat));
            }
            return AoiGeometries.multiPolygon(polygons, "coordinates");
        }
        throw new InvalidGeometryException("a " + g.getGeometryType() + " is not accepted: AOIs are Polygon or"
                + " MultiPolygon");
    }

    private static List<double[][]> rings(mil.nga.sf.Polygon p) {
        List<double[][]> rings = new ArrayList<>();
        for (LineString ring : p.getRings()) {
            List<Point> points = ring.getPoints();
            double[][] positions = new double[points.size()][];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = new double[] {points.get(i).getX(), points.get(i).getY()};
            }
            rings.add(positions);
        }
        return rings;
    }

    /**
     * The transform from the layer's SRS to EPSG:4326 lon/lat, or {@code null} when the layer is already in
     * lon/lat (EPSG:4326, or SRS 0 "undefined geographic").
     */
    static CoordinateTransform transformToLonLat(SpatialReferenceSystem srs) {
        String organization = srs.getOrganization() == null ? "" : srs.getOrganization().strip();
        long code = srs.getOrganizationCoordsysId();
        if (organization.equalsIgnoreCase("EPSG") && code == 4326 || srs.getSrsId() == 0 && code == 0) {
            return null;
        }
        if (!organization.equalsIgnoreCase("EPSG")) {
            throw new InvalidGeometryException("the layer's SRS " + srs.getSrsId() + " (" + organization + ":" + code
                    + ") is not an EPSG CRS: reproject the layer to EPSG:4326 first");
        }
        try {
            return Crs.transform(Crs.epsg(Math.toIntExact(code)), Crs.epsg(Crs.WGS84));
        } catch (RuntimeException e) {
            Throwable proj4j = e.getCause() == null ? e : e.getCause(); // proj4j's own words, not Crs's wrapper
            throw new InvalidGeometryException("the layer's CRS EPSG:" + code + " is not known to proj4j ("
                    + proj4j.getMessage() + "): reproject the layer to EPSG:4326 first");
        }
    }

    /** {@code g} with every coordinate transformed; non-finite results are refused. */
    static Geometry reproject(Geometry g, CoordinateTransform transform) {
        Geometry out = g.copy();
        out.apply(new CoordinateSequenceFilter() {
            private final ProjCoordinate in = new ProjCoordinate();
            private final ProjCoordinate result = new ProjCoordinate();

            @Override
            public void filter(CoordinateSequence seq, int i) {
                in.x = seq.getX(i);
                in.y = seq.getY(i);
                transform.transform(in, result);
                if (!Double.isFinite(result.x) || !Double.isFinite(result.y)) {
                    throw new InvalidGeometryException("the position [" + in.x + ", " + in.y
                            + "] cannot be transformed to EPSG:4326");
                }
                seq.setOrdinate(i, 0, result.x);
                seq.setOrdinate(i, 1, result.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return out;
    }

    private void issue(Kind kind, String field, Long fid, String detail) {
        if (issues.isEmpty()) {
            firstKind = kind;
            firstLayer = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
            firstFid = fid;
        }
        issues.add(new AoiRejectedException.Issue(field, detail));
    }

    /** The column of {@code columns} named {@code wanted} ignoring case, or {@code null}. */
    private static String column(String[] columns, String wanted) {
        for (String c : columns) {
            if (c.toLowerCase(Locale.ROOT).equals(wanted)) {
                return c;
            }
        }
        return null;
    }

    private static String scalar(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }
}
