package io.eobatch.raster.composite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.Reprojection;

/**
 * A tiling grid in one UTM zone, as Sentinel Hub Batch's UTM grids: square cells of {@code tileSize} metres whose
 * corners are multiples of the tile size in UTM eastings and northings, each cell split into pixels of
 * {@code resolution} metres (the tile size must be a whole number of pixels), and written with {@code buffer}
 * extra pixels on every side (so neighbouring tiles overlap by twice the buffer).
 *
 * <p>The zone is the one of the area's centroid (lon/lat): zone {@code floor((lon + 180) / 6) + 1}, EPSG 326zz
 * north of the equator (latitude >= 0), 327zz south. The Norway and Svalbard exceptions of the MGRS zones are not
 * applied (cells are plain UTM, whatever the zone). An area far wider than a zone is still gridded in that one zone:
 * its far ends are distorted as UTM is outside its zone.
 *
 * @param epsg       EPSG code of the UTM zone (32601..32660, 32701..32760)
 * @param tileSize   cell size, metres, positive
 * @param resolution pixel size, metres, positive; {@code tileSize / resolution} is whole
 * @param buffer     extra pixels on every side of a cell, 0 or more
 */
public record TilingGrid(int epsg, double tileSize, double resolution, int buffer) {

    public TilingGrid {
        if (!(tileSize > 0) || !(resolution > 0) || buffer < 0) {
            throw new IllegalArgumentException("bad tiling grid: tile " + tileSize + " m, resolution " + resolution
                    + " m, buffer " + buffer + " px");
        }
        double n = tileSize / resolution;
        if (Math.abs(n - Math.rint(n)) > 1e-9 * n) {
            throw new IllegalArgumentException("the tile size (" + tileSize + " m) must be a whole number of pixels of "
                    + resolution + " m");
        }
        if ((epsg < 32601 || epsg > 32660) && (epsg < 32701 || epsg > 32760)) {
            throw new IllegalArgumentException("not a WGS 84 / UTM EPSG code: " + epsg);
        }
    }

    /** The grid in the UTM zone of the centroid of {@code areaWgs84} (lon/lat). */
    public static TilingGrid forArea(Geometry areaWgs84, double tileSize, double resolution, int buffer) {
        Point c = areaWgs84.getCentroid();
        return new TilingGrid(utmEpsg(c.getX(), c.getY()), tileSize, resolution, buffer);
    }

    /** EPSG code of the UTM zone of a point: 326zz north (lat >= 0), 327zz south. */
    public static int utmEpsg(double lon, double lat) {
        double l = ((lon + 180) % 360 + 360) % 360; // 0..360
        int zone = Math.min(60, (int) Math.floor(l / 6) + 1);
        return (lat >= 0 ? 32600 : 32700) + zone;
    }

    /** Pixels across a cell (without buffer). */
    public int tilePixels() {
        return (int) Math.rint(tileSize / resolution);
    }

    /** The UTM zone number. */
    public int zone() {
        return epsg % 100;
    }

    /** The cell of column {@code col} and row {@code row} (eastings from col * size, northings from row * size). */
    public Tile tile(long col, long row) {
        int n = tilePixels();
        double x0 = col * tileSize;
        double y1 = (row + 1) * tileSize;
        GridGeometry core = new GridGeometry(epsg, n, n, x0, y1, resolution, -resolution);
        GridGeometry grid = new GridGeometry(epsg, n + 2 * buffer, n + 2 * buffer, x0 - buffer * resolution,
                y1 + buffer * resolution, resolution, -resolution);
        String id = String.format(Locale.ROOT, "%d%s-x%04d-y%04d", zone(), epsg < 32700 ? "N" : "S",
                (long) Math.floor(x0 / 1000), (long) Math.floor(row * tileSize / 1000));
        return new Tile(id, col, row, core, grid);
    }

    /**
     * The cells that intersect {@code areaWgs84} (lon/lat; reprojected vertex by vertex to the zone), in row-major
     * order from the north-west (rows from north to south, columns from west to east). A cell that only touches
     * the area along an edge is left out.
     */
    public List<Tile> tilesIntersecting(Geometry areaWgs84) {
        Geometry area = Reprojection.fromWgs84(areaWgs84, epsg);
        Envelope e = area.getEnvelopeInternal();
        List<Tile> out = new ArrayList<>();
        if (e.isNull()) {
            return out;
        }
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
        long c0 = (long) Math.floor(e.getMinX() / tileSize);
        long c1 = (long) Math.floor(e.getMaxX() / tileSize);
        long r0 = (long) Math.floor(e.getMinY() / tileSize);
        long r1 = (long) Math.floor(e.getMaxY() / tileSize);
        if ((c1 - c0 + 1) * (r1 - r0 + 1) > 1_000_000) {
            throw new IllegalArgumentException("the area needs more than a million tiles of " + tileSize + " m");
        }
        for (long r = r1; r >= r0; r--) {
            for (long c = c0; c <= c1; c++) {
                Tile t = tile(c, r);
                Geometry cell = t.polygon();
                if (prepared.intersects(cell) && area.intersection(cell).getArea() > 0) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}
