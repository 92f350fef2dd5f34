package io.eobatch.demo;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic landscape under the demo tiles: land cover polygons in UTM 33N metres (EPSG:32633), agricultural
 * fields with their crops and calendars, and a smooth per-pixel texture. Everything is a function of world
 * coordinates and the seed, so the two overlapping tiles see the same ground.
 *
 * <p>Layout (world extent x 580000..584240, y 5090000..5092500): a lake in the north-west, deciduous forest in
 * the south-west, conifer forest in the north-east, a town in the south-east, and fields (winter wheat, maize,
 * grassland) everywhere else, as jittered quadrilaterals of about 430 m x 330 m. Two fields are fixed: the cell
 * (3, 3) is wheat and (7, 4) is maize (the demo AOIs sit in them).
 */
final class Landscape {

    /** Land cover classes. */
    enum Cover {
        WATER, TOWN, DECIDUOUS, CONIFER, WHEAT, MAIZE, GRASS
    }

    /** World extent covered by the two tiles, UTM 33N metres. */
    static final double X0 = 580000;
    static final double Y0 = 5090000;
    static final double X1 = 584240;
    static final double Y1 = 5092500;

    /** Field grid: cell size and corner jitter, metres. */
    static final double CELL_W = 430;
    static final double CELL_H = 330;
    private static final double JITTER = 40;
    private static final int CELLS_X = (int) Math.ceil((X1 - X0) / CELL_W) + 2;
    private static final int CELLS_Y = (int) Math.ceil((Y1 - Y0) / CELL_H) + 2;

    /** Field cells the AOIs are drawn in. */
    static final int[] WHEAT_CELL = {3, 3};
    static final int[] MAIZE_CELL = {7, 4};

    /** Lake: centre and semi-axes, metres. */
    static final double LAKE_X = 580650;
    static final double LAKE_Y = 5091900;
    static final double LAKE_A = 320;
    static final double LAKE_B = 230;

    private static final GeometryFactory GF = new GeometryFactory();

    private final long seed;
    private final Polygon lake;
    private final Polygon deciduous;
    private final Polygon conifer;
    private final Polygon town;
    private final IndexedPointInAreaLocator lakeLoc;
    private final IndexedPointInAreaLocator deciduousLoc;
    private final IndexedPointInAreaLocator coniferLoc;
    private final IndexedPointInAreaLocator townLoc;
    /** Jittered field corners, [i][j] = {x, y}, cell (i, j) spans corners (i..i+1, j..j+1); i, j from -1. */
    private final double[][][] corners;
    private final Cover[] fieldCrop;
    private final int[] fieldShiftDays;

    Landscape(long seed) {
        this.seed = seed;
        this.lake = wobblyEllipse(LAKE_X, LAKE_Y, LAKE_A, LAKE_B, 0);
        this.deciduous = polygon(580000, 5090000, 581050, 5090000, 580950, 5090500, 580850, 5090950,
                580400, 5090900, 580000, 5090980);
        this.conifer = polygon(583350, 5092500, 584240, 5092500, 584240, 5091600, 583800, 5091650,
                583500, 5091900, 583300, 5092200);
        this.town = polygon(582950, 5090200, 583650, 5090180, 583750, 5090700, 583450, 5090950,
                583050, 5090900, 582900, 5090600);
        this.lakeLoc = new IndexedPointInAreaLocator(lake);
        this.deciduousLoc = new IndexedPointInAreaLocator(deciduous);
        this.coniferLoc = new IndexedPointInAreaLocator(conifer);
        this.townLoc = new IndexedPointInAreaLocator(town);

        corners = new double[CELLS_X + 1][CELLS_Y + 1][];
        for (int i = 0; i <= CELLS_X; i++) {
            for (int j = 0; j <= CELLS_Y; j++) {
                double jx = (Noise.uniform(seed, 11, i, j) * 2 - 1) * JITTER;
                double jy = (Noise.uniform(seed, 12, i, j) * 2 - 1) * JITTER;
                corners[i][j] = new double[] {X0 + (i - 1) * CELL_W + jx, Y0 + (j - 1) * CELL_H + jy};
            }
        }
        fieldCrop = new Cover[CELLS_X * CELLS_Y];
        fieldShiftDays = new int[CELLS_X * CELLS_Y];
        for (int i = 0; i < CELLS_X; i++) {
            for (int j = 0; j < CELLS_Y; j++) {
                int f = i * CELLS_Y + j;
                double u = Noise.uniform(seed, 13, i, j);
                fieldCrop[f] = u < 0.4 ? Cover.WHEAT : u < 0.75 ? Cover.MAIZE : Cover.GRASS;
                fieldShiftDays[f] = (int) Math.round((Noise.uniform(seed, 14, i, j) * 2 - 1) * 7);
            }
        }
        fieldCrop[fieldIndex(WHEAT_CELL[0], WHEAT_CELL[1])] = Cover.WHEAT;
        fieldCrop[fieldIndex(MAIZE_CELL[0], MAIZE_CELL[1])] = Cover.MAIZE;
    }

    private static int fieldIndex(int cellI, int cellJ) {
        return (cellI + 1) * CELLS_Y + (cellJ + 1);
    }

    /** Land cover at world point (x, y): water, town, forests, then the crop of the field there. */
    Cover coverAt(double x, double y) {
        Coordinate c = new Coordinate(x, y);
        if (lakeLoc.locate(c) != Location.EXTERIOR) {
            return Cover.WATER;
        }
        if (townLoc.locate(c) != Location.EXTERIOR) {
            return Cover.TOWN;
        }
        if (coniferLoc.locate(c) != Location.EXTERIOR) {
            return Cover.CONIFER;
        }
        if (deciduousLoc.locate(c) != Location.EXTERIOR) {
            return Cover.DECIDUOUS;
        }
        return fieldCrop[fieldAt(x, y)];
    }

    /** Index of the field (jittered grid cell) containing (x, y). */
    int fieldAt(double x, double y) {
        int ci = (int) Math.floor((x - X0) / CELL_W) + 1;
        int cj = (int) Math.floor((y - Y0) / CELL_H) + 1;
        for (int di = -1; di <= 1; di++) {
            for (int dj = -1; dj <= 1; dj++) {
                int i = ci + di;
                int j = cj + dj;
                if (i >= 0 && j >= 0 && i < CELLS_X && j < CELLS_Y && inCell(i, j, x, y)) {
                    return i * CELLS_Y + j;
                }
            }
        }
        return Math.max(0, Math.min(CELLS_X - 1, ci)) * CELLS_Y + Math.max(0, Math.min(CELLS_Y - 1, cj));
    }

    /** Days by which the calendar of field {@code field} is shifted (-7..7). */
    int fieldShiftDays(int field) {
        return fieldShiftDays[field];
    }

    private boolean inCell(int i, int j, double x, double y) {
        double[][] q = {corners[i][j], corners[i + 1][j], corners[i + 1][j + 1], corners[i][j + 1]};
        // Convex quadrilateral, counter-clockwise: inside when left of (or on) every edge; the half-open rule
        // on the lower/left edges makes every point belong to exactly one cell.
        for (int k = 0; k < 4; k++) {
            double[] a = q[k];
            double[] b = q[(k + 1) % 4];
            double cross = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
            if (cross < 0 || (cross == 0 && (k == 1 || k == 2))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Smooth texture in [-1, 1] at (x, y): value noise on 60 m and 200 m lattices, constant over time, so a
     * field or a forest is not uniform but every date sees the same pattern.
     */
    double texture(double x, double y) {
        return 0.15 * Noise.valueNoise(seed, 21, x / 60.0, y / 60.0) + 0.85 * Noise.valueNoise(seed, 22, x / 200.0, y / 200.0);
    }

    /** Smooth vegetation vigour in [-1, 1] at (x, y) (120 m lattice), constant over time. */
    double vigour(double x, double y) {
        return Noise.valueNoise(seed, 23, x / 120.0, y / 120.0);
    }

    // ------------------------------------------------------------------------------------------------------
    // Geometries for the AOIs (UTM metres)

    Polygon lake() {
        return lake;
    }

    Polygon deciduous() {
        return deciduous;
    }

    Polygon conifer() {
        return conifer;
    }

    Polygon town() {
        return town;
    }

    /** The jittered quadrilateral of field cell (cellI, cellJ) (cell (0, 0) starts at (X0, Y0)). */
    Polygon fieldCell(int cellI, int cellJ) {
        int i = cellI + 1;
        int j = cellJ + 1;
        double[][] q = {corners[i][j], corners[i + 1][j], corners[i + 1][j + 1], corners[i][j + 1]};
        return polygon(q[0][0], q[0][1], q[1][0], q[1][1], q[2][0], q[2][1], q[3][0], q[3][1]);
    }

    /** The lake outline grown by {@code grow} metres (an ellipse with the same wobble). */
    Polygon lakeGrown(double grow) {
        return wobblyEllipse(LAKE_X, LAKE_Y, LAKE_A, LAKE_B, grow);
    }

    private Polygon wobblyEllipse(double cx, double cy, double a, double b, double grow) {
        int n = 48;
        double p1 = Noise.uniform(seed, 31, 0, 0) * 2 * Math.PI;
        double p2 = Noise.uniform(seed, 32, 0, 0) * 2 * Math.PI;
        List<Coordinate> pts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * k / n;
            double wobble = 1 + 0.08 * StrictMath.sin(3 * t + p1) + 0.05 * StrictMath.sin(5 * t + p2);
            double x = cx + (a * wobble + grow) * StrictMath.cos(t);
            double y = cy + (b * wobble + grow) * StrictMath.sin(t);
            pts.add(new Coordinate(round(x), round(y)));
        }
        pts.add(pts.get(0).copy());
        return GF.createPolygon(pts.toArray(new Coordinate[0]));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static Polygon polygon(double... xy) {
        Coordinate[] c = new Coordinate[xy.length / 2 + 1];
        for (int i = 0; i < xy.length / 2; i++) {
            c[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        c[c.length - 1] = c[0].copy();
        return GF.createPolygon(c);
    }

    static GeometryFactory factory() {
        return GF;
    }

    /** Inner buffer of a polygon (negative distance), simplified to a polygon. */
    static Polygon inset(Geometry g, double metres) {
        Geometry b = g.buffer(-metres, 4);
        if (!(b instanceof Polygon p) || p.isEmpty()) {
            throw new IllegalStateException("inset by " + metres + " m does not leave one polygon");
        }
        return p;
    }
}
