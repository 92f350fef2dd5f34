package io.eobatch.raster.composite;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.Reprojection;

/**
 * One cell of a {@link TilingGrid}.
 *
 * @param id     {@code <zone><N|S>-x<easting km>-y<northing km>} of the cell's lower-left corner, the kilometres
 *               zero-padded to 4 digits, e.g. {@code 33N-x0566-y5088}; unique in a grid of cells of 1 km or more
 * @param column cell column: the cell covers eastings [column * size, (column + 1) * size), metres
 * @param row    cell row: the cell covers northings [row * size, (row + 1) * size), metres
 * @param core   the cell's own pixels (no buffer): its grid, in the grid's UTM CRS
 * @param grid   the pixels written for the cell: the core grown by the buffer on every side
 */
public record Tile(String id, long column, long row, GridGeometry core, GridGeometry grid) {

    private static final GeometryFactory GF = new GeometryFactory();

    /** The cell (without buffer) as a polygon in the grid's CRS (metres). */
    public Polygon polygon() {
        double[] b = core.bounds();
        return box(b[0], b[1], b[2], b[3]);
    }

    /** The written extent (with buffer) as a polygon in EPSG:4326, lon/lat, vertices only (no densification). */
    public Geometry footprintWgs84() {
        double[] b = grid.bounds();
        return Reprojection.transform(box(b[0], b[1], b[2], b[3]), grid.epsg(), Reprojection.WGS84);
    }

    /** A lon/lat box as a polygon (EPSG:4326, x = lon). */
    public static Polygon boxWgs84(double minLon, double minLat, double maxLon, double maxLat) {
        return box(minLon, minLat, maxLon, maxLat);
    }

    static Polygon box(double x0, double y0, double x1, double y1) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0),
                new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }
}
