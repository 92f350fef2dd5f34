package io.eobatch.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Rasterizer rules on a small synthetic grid: 10 x 10 pixels of 10 m, origin (0, 100), so pixel centres are at 5, 15, ... */
class PolygonRasterizerTest {

    private static final GridGeometry GRID = new GridGeometry(32633, 10, 10, 0, 100, 10, -10);
    private final WKTReader wkt = new WKTReader();

    private PixelMask burn(String w) throws ParseException {
        return PolygonRasterizer.rasterize(wkt.read(w), GRID);
    }

    @Test
    void squareBetweenCentresTakesThePixelsWhoseCentreIsInside() throws ParseException {
        PixelMask m = burn("POLYGON ((12 88, 38 88, 38 62, 12 62, 12 88))");
        // centres 15, 25, 35 in x; 85, 75, 65 in y
        assertEquals(9, m.count());
        assertEquals(new PixelWindow(1, 1, 3, 3), m.window(), "window = bounding box on the grid");
        assertEquals("###\n###\n###\n", m.toAscii());
    }

    @Test
    void holesAreExcluded() throws ParseException {
        PixelMask m = burn("POLYGON ((0 100, 100 100, 100 0, 0 0, 0 100), (32 68, 68 68, 68 32, 32 32, 32 68))");
        assertEquals(100 - 16, m.count());
        assertFalse(m.isSet(4, 4));
        assertTrue(m.isSet(2, 2));
    }

    @Test
    void centresOnVerticalEdgesAreOutOnTheLeftAndInOnTheRight() throws ParseException {
        // x from centre 15 to centre 45 (left edge on column 1's centre, right edge on column 4's centre)
        PixelMask m = burn("POLYGON ((15 88, 45 88, 45 72, 15 72, 15 88))");
        assertEquals(new PixelWindow(1, 1, 4, 2), m.window());
        assertEquals(".###\n.###\n", m.toAscii());
    }

    @Test
    void orientationOfTheInputDoesNotMatter() throws ParseException {
        String cw = "POLYGON ((15 85, 45 85, 45 55, 15 55, 15 85))";
        String ccw = "POLYGON ((15 85, 15 55, 45 55, 45 85, 15 85))";
        assertEquals(burn(cw).toAscii(), burn(ccw).toAscii());
        // horizontal edges on centre rows: GDAL fills both the top (regular scan) and the bottom (horizontal rule)
        assertEquals(3 * 4, burn(cw).count());
    }

    @Test
    void overlappingPartsOfAMultiPolygonAreAUnionAsInGdal() throws ParseException {
        PixelMask m = burn("MULTIPOLYGON (((10 90, 50 90, 50 50, 10 50, 10 90)), ((30 70, 70 70, 70 30, 30 30, 30 70)))");
        assertEquals(16 + 16 - 4, m.count());
    }

    @Test
    void outsideOrSubPixelGivesAnEmptyMaskNotAnError() throws ParseException {
        assertEquals(0, burn("POLYGON ((200 200, 300 200, 300 300, 200 200))").count());
        assertEquals(PixelWindow.EMPTY, burn("POLYGON ((200 200, 300 200, 300 300, 200 200))").window());
        assertEquals(0, burn("POLYGON ((16 84, 19 84, 19 81, 16 81, 16 84))").count(), "between centres");
        assertEquals(0, burn("POLYGON EMPTY").count());
    }

    @Test
    void partlyOutsideIsClippedToTheGrid() throws ParseException {
        PixelMask m = burn("POLYGON ((-50 150, 22 150, 22 78, -50 78, -50 150))");
        assertEquals(new PixelWindow(0, 0, 3, 3), m.window());
        assertEquals(4, m.count());
    }

    @Test
    void nonArealGeometriesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> burn("LINESTRING (0 0, 10 10)"));
        assertTrue(e.getMessage().contains("LineString"), e.getMessage());
    }

    @Test
    void explicitWindowMayExtendBeyondTheGrid() throws ParseException {
        Geometry g = wkt.read("POLYGON ((-20 100, 20 100, 20 80, -20 80, -20 100))");
        PixelWindow w = PolygonRasterizer.boundsWindow(g, GRID);
        assertEquals(new PixelWindow(-2, 0, 4, 2), w);
        assertEquals(8, PolygonRasterizer.rasterize(g, GRID, w).count());
        assertEquals(4, PolygonRasterizer.rasterize(g, GRID).count());
    }

    @Test
    void clockwiseAsGdalDecidesIt() throws ParseException {
        Polygon cw = (Polygon) wkt.read("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0))");
        Polygon ccw = (Polygon) wkt.read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        LinearRing r1 = cw.getExteriorRing();
        LinearRing r2 = ccw.getExteriorRing();
        assertTrue(PolygonRasterizer.isClockwise(r1.getCoordinateSequence()));
        assertFalse(PolygonRasterizer.isClockwise(r2.getCoordinateSequence()));
    }
}
