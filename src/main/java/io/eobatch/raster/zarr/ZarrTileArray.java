package io.eobatch.raster.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.zip.Deflater;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.io.AtomicFiles;
import io.eobatch.results.JsonValues;

/**
 * A tiled composite as one Zarr v2 array over the whole area, each tile of the UTM tiling grid one chunk: the array
 * spans the columns and rows of the tiles' bounding rectangle (north up), chunk {@code (i, j)} is the tile in the
 * {@code i}-th row from the north and the {@code j}-th column from the west, and a tile without output (NO_DATA,
 * FAILED, or outside the area) is a missing chunk, read as the fill value NaN. So each partition writes its own chunk
 * files and nothing else; the metadata is written once when the job plans.
 *
 * <p>Layout of the store (a folder, {@value #STORE}):
 * <pre>
 * composite.zarr/.zgroup, .zattrs          the group (title, the eobatch job)
 * composite.zarr/ndvi/.zarray, .zattrs     the index: float32 little-endian, chunks of tilePixels x tilePixels,
 *                                          zlib, fill_value NaN; attributes _ARRAY_DIMENSIONS [y, x] (xarray),
 *                                          _CRS {wkt, url} (GDAL), grid_mapping spatial_ref (CF, rioxarray)
 * composite.zarr/ndvi/&lt;i&gt;.&lt;j&gt;             one chunk per tile (zlib-compressed float32, row-major from the north-west)
 * composite.zarr/x, y                      1-D coordinate arrays (float64, pixel centres, metres of the UTM zone):
 *                                          GDAL derives the geotransform from them, xarray uses them as indexes
 * composite.zarr/spatial_ref               0-d CF grid-mapping variable: crs_wkt, spatial_ref, GeoTransform
 * </pre>
 *
 * <p>Why Zarr v2, and why by hand: the readers of Debian 12, GDAL 3.6's Zarr driver and python3-zarr 2.13, read the
 * Zarr v2 format; GDAL 3.6 knows only an early draft of v3 (the final v3 specification of 2023 is read from GDAL
 * 3.8) and zarr-python reads v3 from 3.0. v2 is what both read. The Zarr developers' Java library (dev.zarr:zarr-java
 * 0.0.9, the only version Maven Central serves) depends on edu.ucar:cdm-core, which Maven Central does not serve (it
 * lives in Unidata's own repository), and brings the AWS S3 SDK; jzarr and n5-zarr are not served either. What is
 * written here is small: JSON metadata and zlib-compressed little-endian float32 chunks (numcodecs' {@code zlib} is
 * the zlib stream {@link Deflater} writes), checked against both readers by OutputsIT.
 *
 * <p>A buffer is not possible: tiles would overlap, and chunks cannot. The job refuses {@code format=zarr} with a
 * buffer.
 */
public final class ZarrTileArray {

    /** The store's folder in the results folder. */
    public static final String STORE = "composite.zarr";

    private final GridGeometry area;
    private final int tilePixels;
    private final long minColumn;
    private final long maxRow;
    private final int columns;
    private final int rows;
    private final String variable;

    private ZarrTileArray(GridGeometry area, int tilePixels, long minColumn, long maxRow, int columns, int rows,
                          String variable) {
        this.area = area;
        this.tilePixels = tilePixels;
        this.minColumn = minColumn;
        this.maxRow = maxRow;
        this.columns = columns;
        this.rows = rows;
        this.variable = variable;
    }

    /**
     * The array over {@code tiles} (cells of one tiling grid, without buffer; at least one), named {@code variable}
     * (the index, e.g. {@code ndvi}).
     */
    public static ZarrTileArray of(Collection<Tile> tiles, String variable) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("no tile");
        }
        Tile any = tiles.iterator().next();
        GridGeometry g = any.core();
        if (!any.grid().equals(g)) {
            throw new IllegalArgumentException("Zarr chunks cannot overlap: tiles with a buffer");
        }
        long c0 = Long.MAX_VALUE, c1 = Long.MIN_VALUE, r0 = Long.MAX_VALUE, r1 = Long.MIN_VALUE;
        for (Tile t : tiles) {
            c0 = Math.min(c0, t.column());
            c1 = Math.max(c1, t.column());
            r0 = Math.min(r0, t.row());
            r1 = Math.max(r1, t.row());
        }
        int n = g.width();
        double tileSize = n * g.pixelSizeX();
        int cols = Math.toIntExact(c1 - c0 + 1);
        int rws = Math.toIntExact(r1 - r0 + 1);
        GridGeometry area = new GridGeometry(g.epsg(), Math.multiplyExact(cols, n), Math.multiplyExact(rws, n),
                c0 * tileSize, (r1 + 1) * tileSize, g.pixelSizeX(), g.pixelSizeY());
        return new ZarrTileArray(area, n, c0, r1, cols, rws, variable);
    }

    /**
     * The name of the tile array of the store under {@code results} (the folder of {@value #STORE} holding a
     * {@code .zarray} other than the coordinates and the grid mapping), or empty when there is no store.
     */
    public static java.util.Optional<String> variableIn(Path results) throws IOException {
        Path store = results.resolve(STORE);
        if (!java.nio.file.Files.isDirectory(store)) {
            return java.util.Optional.empty();
        }
        try (var s = java.nio.file.Files.list(store)) {
            return s.filter(d -> java.nio.file.Files.isRegularFile(d.resolve(".zarray")))
                    .map(d -> d.getFileName().toString())
                    .filter(n -> !n.equals("x") && !n.equals("y") && !n.equals("spatial_ref")).sorted().findFirst();
        }
    }

    /** The grid of the whole array (north-west origin, metres of the UTM zone). */
    public GridGeometry area() {
        return area;
    }

    /** The path of a tile's chunk in the results folder, e.g. {@code composite.zarr/ndvi/0.1}. */
    public String chunkPath(Tile tile) {
        long i = maxRow - tile.row();
        long j = tile.column() - minColumn;
        if (i < 0 || i >= rows || j < 0 || j >= columns) {
            throw new IllegalArgumentException("tile " + tile.id() + " is outside the array");
        }
        return STORE + "/" + variable + "/" + i + "." + j;
    }

    /** Writes the group, the array's and the coordinates' metadata and the coordinates under {@code results}. */
    public void writeMetadata(Path results, String title) throws IOException {
        Path store = results.resolve(STORE);
        json(store.resolve(".zgroup"), JsonValues.JSON.createObjectBuilder().add("zarr_format", 2).build());
        json(store.resolve(".zattrs"), JsonValues.JSON.createObjectBuilder().add("title", title)
                .add("Conventions", "CF-1.8").build());
        String wkt = utmWkt(area.epsg());
        JsonObject crs = JsonValues.JSON.createObjectBuilder().add("wkt", wkt)
                .add("url", "http://www.opengis.net/def/crs/EPSG/0/" + area.epsg()).build();
        // the index
        json(store.resolve(variable).resolve(".zarray"), zarray(new long[] {area.height(), area.width()},
                new long[] {tilePixels, tilePixels}, "<f4", zlib(), JsonValues.JSON.createValue("NaN")));
        json(store.resolve(variable).resolve(".zattrs"), JsonValues.JSON.createObjectBuilder()
                .add("_ARRAY_DIMENSIONS", JsonValues.JSON.createArrayBuilder().add("y").add("x"))
                .add("_CRS", crs)
                .add("grid_mapping", "spatial_ref")
                .add("long_name", variable.toUpperCase(Locale.ROOT) + " composite")
                .build());
        // coordinates: pixel centres
        double[] x = new double[area.width()];
        for (int c = 0; c < x.length; c++) {
            x[c] = area.colCentreX(c);
        }
        double[] y = new double[area.height()];
        for (int r = 0; r < y.length; r++) {
            y[r] = area.rowCentreY(r);
        }
        coordinate(store.resolve("x"), "x", x, "projection_x_coordinate", "x coordinate of projection");
        coordinate(store.resolve("y"), "y", y, "projection_y_coordinate", "y coordinate of projection");
        // the CF grid mapping (a 0-d array; its one chunk is "0")
        json(store.resolve("spatial_ref").resolve(".zarray"), zarray(new long[0], new long[0], "<i4", null,
                JsonValues.JSON.createValue(0)));
        String gt = String.format(Locale.ROOT, "%s %s 0 %s 0 %s", num(area.originX()), num(area.pixelSizeX()),
                num(area.originY()), num(area.pixelSizeY()));
        json(store.resolve("spatial_ref").resolve(".zattrs"), JsonValues.JSON.createObjectBuilder()
                .add("_ARRAY_DIMENSIONS", JsonValues.JSON.createArrayBuilder())
                .add("crs_wkt", wkt).add("spatial_ref", wkt).add("GeoTransform", gt).build());
        AtomicFiles.write(store.resolve("spatial_ref").resolve("0"), new byte[4]);
    }

    /** Writes a tile's values (row-major from the north-west, {@code tilePixels}² of them) as its chunk, atomically. */
    public void writeChunk(Path results, Tile tile, float[] values) throws IOException {
        if (values.length != tilePixels * tilePixels) {
            throw new IllegalArgumentException(values.length + " values for a chunk of " + tilePixels + "²");
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        AtomicFiles.write(results.resolve(chunkPath(tile)), zlib(raw.array()));
    }

    private void coordinate(Path dir, String name, double[] values, String standardName, String longName)
            throws IOException {
        json(dir.resolve(".zarray"), zarray(new long[] {values.length}, new long[] {values.length}, "<f8", null,
                JsonValue.NULL));
        json(dir.resolve(".zattrs"), JsonValues.JSON.createObjectBuilder()
                .add("_ARRAY_DIMENSIONS", JsonValues.JSON.createArrayBuilder().add(name))
                .add("standard_name", standardName).add("long_name", longName).add("units", "metre")
                .add("axis", name.toUpperCase(Locale.ROOT)).build());
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        AtomicFiles.write(dir.resolve("0"), b.array());
    }

    private static JsonObject zarray(long[] shape, long[] chunks, String dtype, JsonObject compressor,
                                     JsonValue fill) {
        var s = JsonValues.JSON.createArrayBuilder();
        for (long v : shape) {
            s.add(v);
        }
        var c = JsonValues.JSON.createArrayBuilder();
        for (long v : chunks) {
            c.add(v);
        }
        JsonObjectBuilder b = JsonValues.JSON.createObjectBuilder().add("zarr_format", 2).add("shape", s).add("chunks", c)
                .add("dtype", dtype);
        b.add("compressor", compressor == null ? JsonValue.NULL : compressor);
        return b.add("fill_value", fill).add("order", "C").add("filters", JsonValue.NULL).build();
    }

    private static JsonObject zlib() {
        return JsonValues.JSON.createObjectBuilder().add("id", "zlib").add("level", 5).build();
    }

    /** A zlib stream (RFC 1950), what numcodecs' Zlib codec reads and writes. */
    static byte[] zlib(byte[] raw) {
        Deflater d = new Deflater(5);
        try {
            d.setInput(raw);
            d.finish();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static void json(Path file, JsonObject o) throws IOException {
        AtomicFiles.write(file, o.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The OGC WKT 1 of WGS 84 / UTM zone {@code epsg} (326zz north, 327zz south), with the EPSG authority so that
     * PROJ recognises it: the tiling grid is always in one of these.
     */
    public static String utmWkt(int epsg) {
        int zone = epsg % 100;
        boolean north = epsg / 100 == 326;
        if (!(epsg / 100 == 326 || epsg / 100 == 327) || zone < 1 || zone > 60) {
            throw new IllegalArgumentException("not a WGS 84 / UTM EPSG code: " + epsg);
        }
        return "PROJCS[\"WGS 84 / UTM zone " + zone + (north ? "N" : "S") + "\","
                + "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
                + "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
                + "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
                + "AUTHORITY[\"EPSG\",\"4326\"]],PROJECTION[\"Transverse_Mercator\"],"
                + "PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\"," + (zone * 6 - 183) + "],"
                + "PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],"
                + "PARAMETER[\"false_northing\"," + (north ? 0 : 10000000) + "],UNIT[\"metre\",1,"
                + "AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],"
                + "AUTHORITY[\"EPSG\",\"" + epsg + "\"]]";
    }
}
