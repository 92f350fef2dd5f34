package io.eobatch.demo;

import java.util.Arrays;

/**
 * The atmosphere of one acquisition date, as functions of world coordinates (UTM 33N metres), shared by both
 * tiles: cloud opacity (Gaussian blobs with ragged edges, placed anew on each date, so clouds move between
 * dates), thin cirrus streaks, cloud shadows (the cloud field shifted away from the sun, by
 * cloud height / tan(sun elevation)), snow on the ground, and the sun angles.
 *
 * <p>About 30 % of the dates are cloudy ({@link #CLOUDY_SHARE}); their target cloud cover is spread evenly from a
 * few percent to overcast, and every third of them also has cirrus. The threshold of the blob field is the
 * quantile that gives the target cover over the demo extent, so the cover is what was asked for.
 */
final class Sky {

    static final double CLOUDY_SHARE = 0.30;
    /** Cloud base height used for shadows, metres. */
    static final double CLOUD_HEIGHT = 500;
    /** Latitude and longitude of the demo area (for sun angles). */
    static final double LAT = 45.96;
    static final double LON = 15.99;

    final boolean cloudy;
    final double targetCover;
    final boolean cirrus;
    final boolean snow;
    final double sunElevation;
    final double sunAzimuth;
    private final long seed;
    private final int date;
    private final double[] bx;
    private final double[] by;
    private final double[] br2;
    private final double[] ba;
    private final double threshold;
    private final double edge;
    private final boolean overcast;
    private final double shadowDx;
    private final double shadowDy;
    private final double cirrusX;
    private final double cirrusY;
    private final double cirrusCos;
    private final double cirrusSin;
    private final double cirrusWidth;

    private Sky(long seed, int date, int dayOfYear, double hourUtc, boolean cloudy, double targetCover,
                boolean cirrus, boolean snow) {
        this.seed = seed;
        this.date = date;
        this.cloudy = cloudy;
        this.targetCover = targetCover;
        this.cirrus = cirrus;
        this.snow = snow;
        double[] sun = sunAngles(dayOfYear, hourUtc);
        this.sunElevation = sun[0];
        this.sunAzimuth = sun[1];
        double len = CLOUD_HEIGHT / StrictMath.tan(StrictMath.toRadians(sunElevation));
        // A ground point is shaded by the cloud lying towards the sun from it.
        this.shadowDx = len * StrictMath.sin(StrictMath.toRadians(sunAzimuth));
        this.shadowDy = len * StrictMath.cos(StrictMath.toRadians(sunAzimuth));

        int n = cloudy ? 5 + (int) (Noise.uniform(seed, 60, date, 0) * 10) : 0;
        bx = new double[n];
        by = new double[n];
        br2 = new double[n];
        ba = new double[n];
        double margin = 1500;
        for (int i = 0; i < n; i++) {
            bx[i] = Landscape.X0 - margin + Noise.uniform(seed, 61, date, i) * (Landscape.X1 - Landscape.X0 + 2 * margin);
            by[i] = Landscape.Y0 - margin + Noise.uniform(seed, 62, date, i) * (Landscape.Y1 - Landscape.Y0 + 2 * margin);
            double r = 250 + Noise.uniform(seed, 63, date, i) * 550;
            br2[i] = 9 * r * r; // bump radius 3 r: about the profile of a Gaussian of sigma r
            ba[i] = 0.5 + 0.5 * Noise.uniform(seed, 64, date, i);
        }
        overcast = cloudy && targetCover >= 0.97;
        if (cloudy && !overcast) {
            // Threshold = the (1 - cover) quantile of the density over the demo extent on a 40 m grid.
            int nx = (int) ((Landscape.X1 - Landscape.X0) / 40);
            int ny = (int) ((Landscape.Y1 - Landscape.Y0) / 40);
            double[] d = new double[nx * ny];
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    d[j * nx + i] = density(Landscape.X0 + (i + 0.5) * 40, Landscape.Y0 + (j + 0.5) * 40);
                }
            }
            Arrays.sort(d);
            int q = (int) Math.min(d.length - 1, Math.round((1 - targetCover) * d.length));
            threshold = d[q];
            edge = Math.max(0.04, 0.35 * (d[d.length - 1] - threshold));
        } else {
            threshold = Double.POSITIVE_INFINITY;
            edge = 1;
        }
        if (cirrus) {
            cirrusX = Landscape.X0 + Noise.uniform(seed, 70, date, 0) * (Landscape.X1 - Landscape.X0);
            cirrusY = Landscape.Y0 + Noise.uniform(seed, 71, date, 0) * (Landscape.Y1 - Landscape.Y0);
            double angle = Noise.uniform(seed, 72, date, 0) * Math.PI;
            cirrusCos = StrictMath.cos(angle);
            cirrusSin = StrictMath.sin(angle);
            cirrusWidth = 250 + Noise.uniform(seed, 73, date, 0) * 300;
        } else {
            cirrusX = cirrusY = cirrusCos = cirrusSin = cirrusWidth = 0;
        }
    }

    /**
     * The skies of {@code dates} acquisition dates: a seeded shuffle picks the cloudy ones (never the snow date),
     * whose target covers are evenly spread from 4 % to 100 %.
     *
     * @param dayOfYear day of year of each date
     * @param snowDate  index of the one date with snow on the ground (forced clear), or -1
     */
    static Sky[] year(long seed, int[] dayOfYear, double hourUtc, int snowDate) {
        int n = dayOfYear.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) (Noise.uniform(seed, 50, i, 0) * (i + 1));
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int cloudyCount = (int) Math.round(CLOUDY_SHARE * n);
        double[] cover = new double[n];
        boolean[] cirrus = new boolean[n];
        int picked = 0;
        for (int i = 0; i < n && picked < cloudyCount; i++) {
            int d = order[i];
            if (d == snowDate) {
                continue;
            }
            cover[d] = 0.04 + 0.96 * picked / Math.max(1, cloudyCount - 1);
            cirrus[d] = picked % 3 == 1;
            picked++;
        }
        // Covers were assigned in shuffled order, so they are not sorted by date.
        Sky[] skies = new Sky[n];
        for (int d = 0; d < n; d++) {
            skies[d] = new Sky(seed, d, dayOfYear[d], hourUtc, cover[d] > 0, cover[d], cirrus[d], d == snowDate);
        }
        return skies;
    }

    private double density(double x, double y) {
        double s = 0;
        for (int i = 0; i < bx.length; i++) {
            double dx = x - bx[i];
            double dy = y - by[i];
            double e = (dx * dx + dy * dy) / br2[i];
            if (e < 1) {
                double k = 1 - e;
                s += ba[i] * k * k * k; // smooth compact bump (cheaper than exp, exact in IEEE arithmetic)
            }
        }
        if (s == 0) {
            return 0;
        }
        return s * (0.7 + 0.3 * Noise.valueNoise(seed, 65 + 1000L * date, x / 120.0, y / 120.0)
                + 0.1 * Noise.valueNoise(seed, 66 + 1000L * date, x / 60.0, y / 60.0));
    }

    /** Cloud opacity at (x, y), 0 (clear) to 1 (thick cloud). */
    double cloud(double x, double y) {
        if (!cloudy) {
            return 0;
        }
        if (overcast) {
            return 1;
        }
        return opacity().sample(x, y);
    }

    /** Shadow strength at (x, y): the opacity of the cloud towards the sun. */
    double shadow(double x, double y) {
        return overcast ? 0 : cloud(x + shadowDx, y + shadowDy);
    }

    private double opacityAt(double x, double y) {
        double d = density(x, y);
        if (d <= threshold) {
            return 0;
        }
        return Math.min(1, (d - threshold) / edge);
    }

    /**
     * The opacity on the 10 m world grid (nodes at the demo's pixel centres), covering the demo extent and the
     * extent shifted towards the sun (for shadows): computed once per date, shared by both tiles, sampled
     * bilinearly (exactly at the nodes for 10 m pixels).
     */
    private OpacityGrid opacity() {
        OpacityGrid g = grid;
        if (g == null) {
            synchronized (this) {
                g = grid;
                if (g == null) {
                    g = new OpacityGrid();
                    grid = g;
                }
            }
        }
        return g;
    }

    private volatile OpacityGrid grid;

    private final class OpacityGrid {
        final double x0;
        final double y1;
        final int nx;
        final int ny;
        final float[] v;

        OpacityGrid() {
            double minX = Math.min(Landscape.X0, Landscape.X0 + shadowDx);
            double maxX = Math.max(Landscape.X1, Landscape.X1 + shadowDx);
            double minY = Math.min(Landscape.Y0, Landscape.Y0 + shadowDy);
            double maxY = Math.max(Landscape.Y1, Landscape.Y1 + shadowDy);
            x0 = Landscape.X0 - 10 * (Math.ceil((Landscape.X0 - minX) / 10) + 1);
            y1 = Landscape.Y1 + 10 * (Math.ceil((maxY - Landscape.Y1) / 10) + 1);
            nx = (int) Math.ceil((maxX - x0) / 10) + 2;
            ny = (int) Math.ceil((y1 - minY) / 10) + 2;
            v = new float[nx * ny];
            for (int j = 0; j < ny; j++) {
                double y = y1 - (j + 0.5) * 10;
                for (int i = 0; i < nx; i++) {
                    v[j * nx + i] = (float) opacityAt(x0 + (i + 0.5) * 10, y);
                }
            }
        }

        double sample(double x, double y) {
            double u = (x - x0) / 10 - 0.5;
            double w = (y1 - y) / 10 - 0.5;
            int i = (int) Math.floor(u);
            int j = (int) Math.floor(w);
            if (i < 0 || j < 0 || i + 1 >= nx || j + 1 >= ny) {
                return opacityAt(x, y);
            }
            double fu = u - i;
            double fw = w - j;
            int k = j * nx + i;
            double top = v[k] + (v[k + 1] - v[k]) * fu;
            double bottom = v[k + nx] + (v[k + nx + 1] - v[k + nx]) * fu;
            return top + (bottom - top) * fw;
        }
    }

    /** Cirrus density at (x, y), 0..1. */
    double cirrus(double x, double y) {
        if (!cirrus) {
            return 0;
        }
        double across = -(x - cirrusX) * cirrusSin + (y - cirrusY) * cirrusCos;
        double e = across * across / (9 * cirrusWidth * cirrusWidth);
        if (e >= 1) {
            return 0;
        }
        double k = 1 - e;
        return k * k * k * (0.65 + 0.35 * Noise.valueNoise(seed, 74 + 1000L * date, x / 200.0, y / 200.0));
    }

    /** Sun {elevation, azimuth} in degrees (azimuth clockwise from north) at the demo area. */
    static double[] sunAngles(int dayOfYear, double hourUtc) {
        double decl = 23.44 * StrictMath.sin(StrictMath.toRadians(360.0 / 365.0 * (dayOfYear - 81)));
        double solarHour = hourUtc + LON / 15.0;
        double hourAngle = 15.0 * (solarHour - 12.0);
        double lat = StrictMath.toRadians(LAT);
        double d = StrictMath.toRadians(decl);
        double h = StrictMath.toRadians(hourAngle);
        double sinEl = StrictMath.sin(lat) * StrictMath.sin(d) + StrictMath.cos(lat) * StrictMath.cos(d) * StrictMath.cos(h);
        double el = StrictMath.asin(sinEl);
        double az = StrictMath.atan2(StrictMath.sin(h),
                StrictMath.cos(h) * StrictMath.sin(lat) - StrictMath.tan(d) * StrictMath.cos(lat));
        double azDeg = (StrictMath.toDegrees(az) + 180.0) % 360.0;
        return new double[] {StrictMath.toDegrees(el), azDeg};
    }
}
