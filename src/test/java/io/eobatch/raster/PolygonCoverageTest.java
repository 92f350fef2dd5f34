package io.eobatch.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Coverage fractions on a small synthetic grid: 10 x 10 pixels of 10 m (100 m2), origin (0, 100), so pixel edges are
 * at multiples of 10 and centres at 5, 15, ... Fractions are checked against hand-computed areas and, pixel by pixel,
 * against JTS's exact box intersection.
 */
class PolygonCoverageTest {

    private static final GridGeometry GRID = new GridGeometry(32633, 10, 10, 0, 100, 10, -10);
    private static final double EPS = 1e-12;
    private final WKTReader wkt = new WKTReader();

    private PixelCoverage cover(String w) throws ParseException {
        return PolygonCoverage.coverage(wkt.read(w), GRID);
    }

    /** WKT in; pixels with c > 0, boundary pixels (0 < c < 1) and the sum of c (pixels) out. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "square on pixel edges       | POLYGON ((10 90, 40 90, 40 60, 10 60, 10 90))                       |   9 |  0 | 9",
        "square between centres      | POLYGON ((12 88, 38 88, 38 62, 12 62, 12 88))                       |   9 |  8 | 6.76",
        "same, counter-clockwise     | POLYGON ((12 88, 12 62, 38 62, 38 88, 12 88))                       |   9 |  8 | 6.76",
        "whole grid                  | POLYGON ((0 0, 0 100, 100 100, 100 0, 0 0))                         | 100 |  0 | 100",
        "hole between centres        | POLYGON ((0 100, 100 100, 100 0, 0 0, 0 100), (32 68, 68 68, 68 32, 32 32, 32 68)) |  96 | 12 | 87.04",
        "hole on pixel edges         | POLYGON ((0 100, 100 100, 100 0, 0 0, 0 100), (30 70, 70 70, 70 30, 30 30, 30 70)) | 84 | 0 | 84",
        "sub-pixel                   | POLYGON ((12 88, 14 88, 14 86, 12 86, 12 88))                       |   1 |  1 | 0.04",
        "sub-pixel across a corner   | POLYGON ((19 81, 21 81, 21 79, 19 79, 19 81))                       |   4 |  4 | 0.04",
        "diamond through centres     | POLYGON ((25 95, 45 75, 25 55, 5 75, 25 95))                        |  13 |  8 | 8",
        "triangle on corners         | POLYGON ((0 100, 40 100, 0 60, 0 100))                              |  10 |  4 | 8",
        "edges along column lines    | POLYGON ((20 100, 30 100, 30 0, 20 0, 20 100))                      |  10 |  0 | 10",
        "vertex on a pixel corner    | POLYGON ((20 80, 35 95, 50 80, 35 65, 20 80))                       |   8 |  6 | 4.5",
        "multipolygon                | MULTIPOLYGON (((10 90, 25 90, 25 75, 10 75, 10 90)), ((55 45, 80 45, 80 20, 55 20, 55 45))) | 13 | 8 | 8.5",
        "overlapping parts: union    | MULTIPOLYGON (((10 90, 50 90, 50 50, 10 50, 10 90)), ((30 70, 70 70, 70 30, 30 30, 30 70))) | 28 | 0 | 28",
        "bow-tie: both lobes         | POLYGON ((0 100, 40 60, 40 100, 0 60, 0 100))                       |  12 |  8 | 8",
        "partly outside the grid     | POLYGON ((-50 150, 25 150, 25 75, -50 75, -50 150))                 |   9 |  5 | 6.25",
        "outside                     | POLYGON ((200 200, 300 200, 300 300, 200 200))                      |   0 |  0 | 0",
        "empty                       | POLYGON EMPTY                                                       |   0 |  0 | 0",
    })
    void coverageOfPolygons(String name, String w, int pixels, int boundary, double sum) throws ParseException {
        PixelCoverage c = cover(w);
        assertEquals(pixels, c.count(), name + ": pixels with c > 0\n" + c.toAscii());
        assertEquals(boundary, c.partialCount(), name + ": boundary pixels\n" + c.toAscii());
        assertEquals(sum, c.sum(), EPS, name + ": sum of c");
        if (pixels > 0) {
            assertMatchesJts(wkt.read(w), GRID, c);
        }
    }

    @Test
    void fractionsOfASquareBetweenCentres() throws ParseException {
        PixelCoverage c = cover("POLYGON ((12 88, 38 88, 38 62, 12 62, 12 88))");
        assertEquals(new PixelWindow(1, 1, 3, 3), c.window());
        assertEquals("686\n8#8\n686\n", c.toAscii());
        assertEquals(0.64, c.fraction(0), EPS);
        assertEquals(0.8, c.fraction(1), EPS);
        assertEquals(1.0, c.fraction(4), 0.0);
    }

    @Test
    void cursorGivesTheFractionsInRasterOrder() throws ParseException {
        PixelCoverage c = cover("POLYGON ((0 100, 100 100, 100 0, 0 0, 0 100), (32 68, 68 68, 68 32, 32 32, 32 68))");
        PixelCoverage.Cursor cursor = c.cursor();
        double sum = 0;
        for (int i = c.mask().nextSet(0); i >= 0; i = c.mask().nextSet(i + 1)) {
            assertEquals(c.fraction(i), cursor.fraction(i), 0.0);
            sum += cursor.fraction(i);
        }
        assertEquals(87.04, sum, EPS);
    }

    @Test
    void explicitWindowMayExtendBeyondTheGrid() throws ParseException {
        Geometry g = wkt.read("POLYGON ((-15 100, 15 100, 15 85, -15 85, -15 100))");
        PixelWindow w = PolygonCoverage.boundsWindow(g, GRID);
        assertEquals(new PixelWindow(-2, 0, 4, 2), w);
        PixelCoverage all = PolygonCoverage.coverage(g, GRID, w);
        assertEquals(4.5, all.sum(), EPS);
        assertEquals("5##5\n3553\n", all.toAscii());
        assertEquals(2.25, PolygonCoverage.coverage(g, GRID).sum(), EPS, "clipped to the grid by default");
    }

    @Test
    void windowCutsThroughThePolygonOnAllSides() throws ParseException {
        Geometry g = wkt.read("POLYGON ((3 97, 97 97, 97 3, 3 3, 3 97), (41 59, 59 59, 59 41, 41 41, 41 59))");
        PixelCoverage c = PolygonCoverage.coverage(g, GRID, new PixelWindow(3, 2, 4, 5));
        assertMatchesJts(g, GRID, c);
        assertEquals(20 - 4 * 0.81, c.sum(), EPS);
    }

    @Test
    void offsetGridWithLargeCoordinates() throws ParseException {
        GridGeometry utm = new GridGeometry(32633, 334, 250, 559980, 5100000, 120, -120);
        Geometry g = wkt.read("POLYGON ((560101.3 5099877.7, 561234.5 5099123.4, 560777.7 5098001.9, 560050.1 5098800.2,"
                + " 560101.3 5099877.7), (560500 5099000, 560700 5099100, 560650 5098700, 560500 5099000))");
        PixelCoverage c = PolygonCoverage.coverage(g, utm);
        assertEquals(g.getArea() / (120 * 120), c.sum(), 1e-9);
        assertMatchesJts(g, utm, c);
    }

    /** Random star-shaped polygons (vertices at random angles and radii, some holes): every pixel as JTS's. */
    @Test
    void randomPolygonsMatchJtsPixelByPixel() {
        Random random = new Random(20231120);
        GeometryFactory gf = new GeometryFactory();
        for (int t = 0; t < 200; t++) {
            double cx = 20 + random.nextDouble() * 60;
            double cy = 20 + random.nextDouble() * 60;
            int n = 3 + random.nextInt(12);
            Coordinate[] shell = star(random, cx, cy, n, 5 + random.nextDouble() * 50, 0.2);
            Geometry g = gf.createPolygon(shell);
            if (random.nextBoolean()) {
                Coordinate[] hole = star(random, cx, cy, 3 + random.nextInt(5), 2 + random.nextDouble() * 3, 0.9);
                g = gf.createPolygon(gf.createLinearRing(shell), new org.locationtech.jts.geom.LinearRing[] {
                    gf.createLinearRing(hole)});
            }
            if (!g.isValid()) {
                continue;
            }
            PixelCoverage c = PolygonCoverage.coverage(g, GRID);
            assertMatchesJts(g, GRID, c);
            double inside = g.intersection(gf.toGeometry(new org.locationtech.jts.geom.Envelope(0, 100, 0, 100)))
                    .getArea() / 100;
            assertEquals(inside, c.sum(), 1e-9, g.toText());
        }
    }

    @Test
    void nonArealGeometriesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cover("LINESTRING (0 0, 10 10)"));
        assertTrue(e.getMessage().contains("LineString"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> cover("GEOMETRYCOLLECTION (POLYGON ((0 0, 0 10, 10 10, 0 0)), POINT (5 5))"));
    }

    @Test
    void overlappingPolygonsOfACollectionAreAUnion() throws ParseException {
        PixelCoverage c = cover("GEOMETRYCOLLECTION (POLYGON ((10 90, 50 90, 50 50, 10 50, 10 90)),"
                + " POLYGON ((30 70, 70 70, 70 30, 30 30, 30 70)))");
        assertEquals(28, c.sum(), EPS);
    }

    private static Coordinate[] star(Random random, double cx, double cy, int n, double radius, double minRadius) {
        double[] angles = new double[n];
        for (int i = 0; i < n; i++) {
            angles[i] = random.nextDouble() * 2 * Math.PI;
        }
        java.util.Arrays.sort(angles);
        Coordinate[] cs = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double r = radius * (minRadius + (1 - minRadius) * random.nextDouble());
            cs[i] = new Coordinate(cx + r * Math.cos(angles[i]), cy + r * Math.sin(angles[i]));
        }
        cs[n] = cs[0];
        return cs;
    }

    /** Every pixel of the coverage's window: c equals area(box ∩ geometry) / area(box) from JTS, to 1e-9. */
    static void assertMatchesJts(Geometry g, GridGeometry grid, PixelCoverage c) {
        GeometryFactory gf = new GeometryFactory();
        Geometry valid = PolygonCoverage.valid(g);
        PixelWindow w = c.window();
        double pixelArea = Math.abs(grid.pixelSizeX() * grid.pixelSizeY());
        for (int r = 0; r < w.height(); r++) {
            for (int col = 0; col < w.width(); col++) {
                double x0 = grid.originX() + (w.col0() + col) * grid.pixelSizeX();
                double y0 = grid.originY() + (w.row0() + r) * grid.pixelSizeY();
                Geometry box = gf.toGeometry(new org.locationtech.jts.geom.Envelope(x0, x0 + grid.pixelSizeX(), y0,
                        y0 + grid.pixelSizeY()));
                double expected = box.intersection(valid).getArea() / pixelArea;
                assertEquals(expected, c.fraction(r * w.width() + col), 1e-9,
                        "pixel " + (w.col0() + col) + "," + (w.row0() + r) + " of " + g.toText() + "\n" + c.toAscii());
            }
        }
    }
}
