package io.eobatch.raster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * The exact fraction of each pixel of a grid that lies inside a polygon, c = area(pixel ∩ polygon) / area(pixel),
 * as exactextract defines it (and {@code shared/tools/coverage_zonal_ndvi.py} computes it with GEOS, one
 * box intersection per pixel).
 *
 * <p><b>Algorithm</b>: a scanline over the rows of the window, in pixel space ({@code col = (x - originX) / sizeX},
 * {@code row = (y - originY) / sizeY}, exact up to rounding: pixel edges are the integers). Each ring is oriented so
 * that the winding number is 1 inside the polygon and 0 outside (shells one way, holes the other). In each row, every
 * edge that crosses it is cut at the row's top and bottom and at every column line it crosses; a piece lying in
 * pixel (c, r) with height dy and mean column xm adds {@code dy * (c + 1 - xm)} to that pixel (the area between the
 * piece and the pixel's right side, the trapezoid formula, exact for a straight piece) and {@code dy} to every pixel
 * to its right (the "cover": the winding number those pixels see). A sweep along the row then gives
 * <ul>
 *   <li>for each pixel a piece passed through (the <em>boundary</em> pixels): c = cover so far + its own area;</li>
 *   <li>for every run of pixels in between: the winding number, which is 1 (c = 1, interior) or 0 (c = 0, exterior)
 *       with no area computed: the interior is filled from the scanline, as a centre-inside rasterizer does.</li>
 * </ul>
 * The work is proportional to the number of boundary pixels plus the number of rows, not to the AOI's area (the
 * interior is set as bit ranges). Pixels with c &gt; 0 form the {@link PixelCoverage#mask()}.
 *
 * <p>Exact cases: a vertex or an edge on a pixel edge or corner (a piece along a column line adds cover but no area,
 * so the pixels on both sides stay interior or exterior with c exactly 1 or 0; horizontal edges add nothing); holes
 * (their pieces subtract); multipolygons (parts of a valid multipolygon do not overlap, so their contributions add
 * up); sub-pixel polygons (all pieces in one pixel: c is the polygon's area in pixels).
 *
 * <p><b>Invalid polygons</b> (a self-intersecting "bow-tie", overlapping parts of a multipolygon, a collection of
 * polygons that overlap) have no well-defined area, and the winding-number sum would count overlaps twice and the
 * second lobe of a bow-tie negatively. They are first made valid with JTS's {@link GeometryFixer} (a bow-tie becomes
 * its two lobes, overlapping parts their union, which is what the centre rule of {@link PolygonRasterizer} sees too:
 * even-odd inside a polygon, union across parts). Valid input, the usual case, is used as is; the validity test is
 * JTS's {@code isValid()}.
 *
 * <p><b>Why by hand</b>: JTS can intersect each boundary pixel's box with the polygon ({@code Geometry.intersection},
 * OverlayNG), but that costs 30-60 microseconds per boundary pixel (noding, graph building, a new geometry; measured
 * on the sample AOIs), against about 0.1 microsecond per boundary pixel for this whole scanline, interior included:
 * on the benchmark's 22 sample statistics (about 6 000 boundary pixels) JTS alone would take some 30 times the centre
 * rule's entire time, far over the job's budget (coverage weighting at most 1.5x the centre rule). exactextract, which
 * does the same as this class in C++, has no Java port. JTS is still used for what it is good at: the validity test
 * and the repair.
 *
 * <p>Accuracy: coordinates are made pixel-relative before any area is formed, so rounding is of the order of
 * 1e-13 pixel per boundary pixel; the sums of the fractions over the test AOIs equal GEOS's to better than 1e-9
 * pixel ({@code CoverageReferenceTest}).
 */
public final class PolygonCoverage {

    /**
     * Fractions below this are 0, above 1 - SNAP are 1 (pixels). Rounding leaves sums such as 0.3 + 0.7 - 1 a few
     * ulps of the row coordinates (up to ~1e-12 at row 10980) away from 0 or 1 where the exact value is 0 or 1; a
     * polygon really covering less than 1e-10 of a pixel (1.4e-6 m2 of a 120 m pixel) is below what its
     * coordinates resolve anyway.
     */
    static final double SNAP = 1e-10;

    private PolygonCoverage() {
    }

    /**
     * The coverage of {@code grid}'s pixels by {@code geometry}, over the window of the geometry's bounding box on the
     * grid ({@link #boundsWindow}), clipped to the grid: pixels outside the raster are not part of it. A geometry
     * outside the grid or empty gives an empty coverage (count 0), not an error.
     *
     * @param geometry Polygon, MultiPolygon or a GeometryCollection of them, in the grid's CRS (x = easting)
     * @throws IllegalArgumentException when the geometry has non-areal components (points, lines)
     */
    public static PixelCoverage coverage(Geometry geometry, GridGeometry grid) {
        return coverage(geometry, grid, null);
    }

    /**
     * As {@link #coverage(Geometry, GridGeometry)}, but over {@code window} instead of the clipped bounding box. The
     * window may extend beyond the grid (pixel positions are still relative to its origin), as a per-day mosaic
     * needs.
     *
     * @param window the pixels to compute, or {@code null} for the bounding box clipped to the grid
     */
    public static PixelCoverage coverage(Geometry geometry, GridGeometry grid, PixelWindow window) {
        Rings rings = new Rings(grid);
        rings.collect(valid(geometry));
        if (window == null) {
            window = rings.bounds().clipTo(grid);
        }
        if (window.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("coverage window of " + window.size() + " pixels is too large: "
                    + window);
        }
        return new Scan(rings, grid, window).run();
    }

    /**
     * The window of {@code geometry}'s bounding box on {@code grid}, [floor(min), ceil(max)) in pixels, NOT clipped to
     * the grid: it holds every pixel with c &gt; 0 (within 2^29 pixels of the grid origin). Empty for an empty
     * geometry.
     */
    public static PixelWindow boundsWindow(Geometry geometry, GridGeometry grid) {
        Rings rings = new Rings(grid);
        rings.collect(geometry);
        return rings.bounds();
    }

    /** The geometry itself when it is a valid Polygon or MultiPolygon, else its repair by {@link GeometryFixer}. */
    static Geometry valid(Geometry g) {
        if (g == null || g.isEmpty() || ((g instanceof Polygon || g instanceof MultiPolygon) && g.isValid())) {
            return g;
        }
        new Rings(null).collect(g); // rejects non-areal components before repairing
        Geometry fixed = GeometryFixer.fix(g);
        if (fixed instanceof GeometryCollection && !(fixed instanceof MultiPolygon)) {
            fixed = fixed.union(); // the elements of a collection may overlap each other
        }
        return fixed;
    }

    /** Rings in pixel space with their winding sign, and their bounds. */
    private static final class Rings {
        private final GridGeometry grid;
        final List<double[]> xs = new ArrayList<>();
        final List<double[]> ys = new ArrayList<>();
        final List<Integer> signs = new ArrayList<>();
        private double minX = Double.POSITIVE_INFINITY;
        private double minY = Double.POSITIVE_INFINITY;
        private double maxX = Double.NEGATIVE_INFINITY;
        private double maxY = Double.NEGATIVE_INFINITY;

        /** @param grid the grid whose pixel space the rings go to; null only to check the geometry's type */
        Rings(GridGeometry grid) {
            this.grid = grid;
        }

        void collect(Geometry g) {
            if (g == null || g.isEmpty()) {
                return;
            }
            if (g instanceof Polygon p) {
                if (grid != null) {
                    add(p.getExteriorRing(), true);
                    for (int i = 0; i < p.getNumInteriorRing(); i++) {
                        add(p.getInteriorRingN(i), false);
                    }
                }
            } else if (g instanceof GeometryCollection gc) { // MultiPolygon too
                for (int i = 0; i < gc.getNumGeometries(); i++) {
                    collect(gc.getGeometryN(i));
                }
            } else {
                throw new IllegalArgumentException("AOI geometry must be a Polygon or MultiPolygon, got "
                        + g.getGeometryType());
            }
        }

        private void add(LinearRing ring, boolean shell) {
            if (ring.isEmpty()) {
                return;
            }
            CoordinateSequence seq = ring.getCoordinateSequence();
            int n = seq.size();
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = (seq.getX(i) - grid.originX()) / grid.pixelSizeX();
                y[i] = (seq.getY(i) - grid.originY()) / grid.pixelSizeY();
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("vertex maps to a non-finite pixel position (" + x[i] + ", "
                            + y[i] + ")");
                }
                minX = Math.min(minX, x[i]);
                maxX = Math.max(maxX, x[i]);
                minY = Math.min(minY, y[i]);
                maxY = Math.max(maxY, y[i]);
            }
            // Shoelace sum in pixel space (rows grow downwards): a ring with a negative sum, traversed, has the
            // interior on the right of its downward edges, i.e. winding +1 with the cover convention of Scan.
            double twiceArea = 0;
            for (int i = 0; i + 1 < n; i++) {
                twiceArea += (x[i] - x[0]) * (y[i + 1] - y[0]) - (x[i + 1] - x[0]) * (y[i] - y[0]);
            }
            if (twiceArea == 0) {
                return; // no area: adds nothing
            }
            int sign = twiceArea < 0 ? 1 : -1;
            xs.add(x);
            ys.add(y);
            signs.add(shell ? sign : -sign);
        }

        /** [floor(min), ceil(max)) in both directions, clamped to +-2^29 pixels. */
        PixelWindow bounds() {
            return PixelWindow.spanning(minX, minY, maxX, maxY);
        }
    }

    /** The scanline: edges sorted by first row, an active list, per-row accumulators over the window's columns. */
    private static final class Scan {
        // Edges, top (smaller row) end first; sign = the ring's winding sign, negated for upward edges.
        private final double[] ex0;
        private final double[] ey0;
        private final double[] ex1;
        private final double[] ey1;
        private final int[] sign;
        private final int[] firstRow;
        private final int[] lastRow;
        private final int edges;
        private final GridGeometry grid;
        private final PixelWindow window;
        private final int col0;
        private final int colEnd;
        private final int width;
        // Per-row accumulators, indexed by window column.
        private final double[] area;
        private final double[] cover;
        private final boolean[] touched;
        private final int[] stamp;
        private final int[] events;
        private int eventCount;
        private int rowStamp;
        private double carryLeft;
        // Output.
        private final BitSet covered = new BitSet();
        private int[] partialIndex = new int[64];
        private double[] partialFraction = new double[64];
        private int partialCount;

        Scan(Rings rings, GridGeometry grid, PixelWindow window) {
            this.grid = grid;
            this.window = window;
            this.col0 = window.col0();
            this.width = window.width();
            this.colEnd = col0 + width;
            int total = 0;
            for (double[] x : rings.xs) {
                total += x.length - 1;
            }
            ex0 = new double[total];
            ey0 = new double[total];
            ex1 = new double[total];
            ey1 = new double[total];
            sign = new int[total];
            firstRow = new int[total];
            lastRow = new int[total];
            int rowFirst = window.row0();
            int rowLast = window.row0() + window.height() - 1;
            int n = 0;
            for (int k = 0; k < rings.xs.size(); k++) {
                double[] x = rings.xs.get(k);
                double[] y = rings.ys.get(k);
                int s = rings.signs.get(k);
                for (int i = 0; i + 1 < x.length; i++) {
                    if (y[i] == y[i + 1]) {
                        continue; // horizontal: no cover, no area
                    }
                    boolean down = y[i] < y[i + 1];
                    int a = down ? i : i + 1;
                    int b = down ? i + 1 : i;
                    double first = Math.max(Math.floor(y[a]), rowFirst);
                    double last = Math.min(Math.ceil(y[b]) - 1, rowLast);
                    if (first > last) {
                        continue;
                    }
                    ex0[n] = x[a];
                    ey0[n] = y[a];
                    ex1[n] = x[b];
                    ey1[n] = y[b];
                    sign[n] = down ? s : -s;
                    firstRow[n] = (int) first;
                    lastRow[n] = (int) last;
                    n++;
                }
            }
            this.edges = n;
            boolean empty = window.isEmpty() || n == 0;
            area = new double[empty ? 0 : width];
            cover = new double[empty ? 0 : width];
            touched = new boolean[empty ? 0 : width];
            stamp = new int[empty ? 0 : width];
            events = new int[empty ? 0 : width];
        }

        PixelCoverage run() {
            if (edges > 0 && !window.isEmpty()) {
                long[] keys = new long[edges];
                for (int e = 0; e < edges; e++) {
                    keys[e] = ((long) (firstRow[e] - window.row0()) << 32) | e;
                }
                Arrays.sort(keys);
                int[] active = new int[edges];
                int activeCount = 0;
                int next = 0;
                int rowEnd = window.row0() + window.height();
                for (int r = window.row0(); r < rowEnd; r++) {
                    if (activeCount == 0) {
                        if (next == edges) {
                            break;
                        }
                        r = Math.max(r, firstRow[(int) keys[next]]); // skip rows no edge crosses (all outside)
                    }
                    while (next < edges && firstRow[(int) keys[next]] <= r) {
                        active[activeCount++] = (int) keys[next++];
                    }
                    int keep = 0;
                    for (int i = 0; i < activeCount; i++) {
                        int e = active[i];
                        if (lastRow[e] < r) {
                            continue;
                        }
                        active[keep++] = e;
                        piece(e, r);
                    }
                    activeCount = keep;
                    finishRow(r);
                }
            }
            return new PixelCoverage(grid, window, covered, partialIndex, partialFraction, partialCount);
        }

        /** The column of edge e at row coordinate y (its own end points exactly). */
        private double xAt(int e, double y) {
            if (y == ey0[e]) {
                return ex0[e];
            }
            if (y == ey1[e]) {
                return ex1[e];
            }
            return ex0[e] + (y - ey0[e]) * (ex1[e] - ex0[e]) / (ey1[e] - ey0[e]);
        }

        /** The row coordinate of edge e at column line k (not a vertical edge). */
        private double yAt(int e, double k) {
            return ey0[e] + (k - ex0[e]) * (ey1[e] - ey0[e]) / (ex1[e] - ex0[e]);
        }

        /** Edge e within row r: cut at the column lines inside the window and accumulated. */
        private void piece(int e, int r) {
            double ya = Math.max(ey0[e], r);
            double yb = Math.min(ey1[e], r + 1.0);
            if (!(yb > ya)) {
                return;
            }
            double xa = xAt(e, ya);
            double xb = xAt(e, yb);
            int s = sign[e];
            double lo = Math.min(xa, xb);
            double hi = Math.max(xa, xb);
            if (hi <= col0) {
                carryLeft += s * (yb - ya); // left of the window: only its cover matters
                return;
            }
            if (lo >= colEnd || xa == xb) {
                sub(xa, ya, xb, yb, s);
                return;
            }
            // Column lines strictly between lo and hi, limited to the window's [col0, colEnd].
            double kFirst = Math.max(Math.floor(lo) + 1, col0);
            double kLast = Math.min(Math.ceil(hi) - 1, colEnd);
            double px = xa;
            double py = ya;
            if (xa < xb) {
                for (double k = kFirst; k <= kLast; k++) {
                    double yk = Math.min(Math.max(yAt(e, k), py), yb);
                    sub(px, py, k, yk, s);
                    px = k;
                    py = yk;
                }
            } else {
                for (double k = kLast; k >= kFirst; k--) {
                    double yk = Math.min(Math.max(yAt(e, k), py), yb);
                    sub(px, py, k, yk, s);
                    px = k;
                    py = yk;
                }
            }
            sub(px, py, xb, yb, s);
        }

        /** A piece within one column (or wholly left or right of the window). */
        private void sub(double x1, double y1, double x2, double y2, int s) {
            double dy = y2 - y1;
            if (!(dy > 0)) {
                return;
            }
            double xm = (x1 + x2) * 0.5;
            double c = Math.floor(xm);
            double v = s * dy;
            if (x1 == x2 && c == xm) {
                coverFrom(c, v); // along a column line: the pixels on both sides stay whole
                return;
            }
            if (c < col0) {
                carryLeft += v;
            } else if (c < colEnd) {
                int i = (int) (c - col0);
                area[i] += v * (c + 1 - xm);
                touched[i] = true;
                event(i);
                coverFrom(c + 1, v);
            }
        }

        private void coverFrom(double k, double v) {
            if (k <= col0) {
                carryLeft += v;
            } else if (k < colEnd) {
                int i = (int) (k - col0);
                cover[i] += v;
                event(i);
            }
        }

        private void event(int i) {
            if (stamp[i] != rowStamp + 1) {
                stamp[i] = rowStamp + 1;
                events[eventCount++] = i;
            }
        }

        /**
         * The sweep along row r. A pixel a piece passed through gets cover so far + its own area; the pixels of a run
         * between such pixels all get the cover so far: 1 (interior) or 0 (exterior), or a fraction in the cells that
         * a horizontal edge crosses (or that lie right of a vertex inside the row), which no piece enters.
         */
        private void finishRow(int r) {
            int base = (r - window.row0()) * width;
            Arrays.sort(events, 0, eventCount);
            double carry = carryLeft;
            int next = 0;
            for (int k = 0; k < eventCount; k++) {
                int i = events[k];
                run(base, next, i, carry);
                carry += cover[i];
                run(base, i, i + 1, touched[i] ? carry + area[i] : carry);
                next = i + 1;
                area[i] = 0;
                cover[i] = 0;
                touched[i] = false;
            }
            run(base, next, width, carry);
            eventCount = 0;
            carryLeft = 0;
            rowStamp++;
        }

        /** Window columns [from, to) of the row at {@code base} have fraction f (snapped, see {@link #SNAP}). */
        private void run(int base, int from, int to, double f) {
            if (from >= to || f < SNAP) {
                return;
            }
            covered.set(base + from, base + to);
            if (f <= 1 - SNAP) {
                for (int i = from; i < to; i++) {
                    addPartial(base + i, f);
                }
            }
        }

        private void addPartial(int index, double f) {
            if (partialCount == partialIndex.length) {
                partialIndex = Arrays.copyOf(partialIndex, partialCount * 2);
                partialFraction = Arrays.copyOf(partialFraction, partialCount * 2);
            }
            partialIndex[partialCount] = index;
            partialFraction[partialCount++] = f;
        }
    }
}
