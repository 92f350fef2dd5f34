package io.eobatch.bench;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.io.ByteRange;
import io.eobatch.raster.io.FileByteSource;
import io.eobatch.raster.io.HttpRangeByteSource;
import io.eobatch.raster.io.RangeHttpServer;
import io.eobatch.raster.tiff.GeoTiffBand;
import io.eobatch.raster.tiff.TiffHeaderCache;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * COG byte-efficiency and decode-time benchmark (a plain main, not a test). Run by src/test/bench/cog-bytes.sh:
 * {@code java -cp target/classes:target/test-classes io.eobatch.bench.CogBytesBench WORKDIR COG...}.
 *
 * <p>For each COG: serves it from an HTTP server on 127.0.0.1, opens it (header cost), reads AOI windows through
 * a fresh {@link HttpRangeByteSource} with the headers cached (as a job does for the next AOI) and prints bytes
 * and requests over HTTP against the sum of the TileByteCounts of the tiles each window touches. Then times the
 * read+decode of a 1024x1024 window from the local file (median of 21 after 5 warm-up runs, parallel and serial
 * tile decoding interleaved) against {@code gdal_translate -srcwin} of the same window (process wall time, median of 7) and
 * GDAL's in-process {@code ReadAsArray} (python osgeo, fresh dataset per run, median of 15).
 */
public final class CogBytesBench {

    private CogBytesBench() {
    }

    record Win(String name, int col, int row, int w, int h) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        try (RangeHttpServer server = new RangeHttpServer()) {
            for (int i = 1; i < args.length; i++) {
                bench(server, Path.of(args[i]), work);
            }
        }
    }

    /** Pixel window of a bounding box in CRS units (pixel centres inside, GDAL's rule for a rectangle). */
    static Win aoi(String name, GridGeometry g, double minX, double minY, double maxX, double maxY) {
        int c0 = (int) Math.round(g.toCol(minX));
        int c1 = (int) Math.round(g.toCol(maxX));
        int r0 = (int) Math.round(g.toRow(maxY));
        int r1 = (int) Math.round(g.toRow(minY));
        return new Win(name, c0, r0, c1 - c0, r1 - r0);
    }

    static void bench(RangeHttpServer server, Path cog, Path work) throws Exception {
        byte[] bytes = Files.readAllBytes(cog);
        URI url = server.serve("/" + cog.getFileName(), bytes);
        TiffHeaderCache cache = new TiffHeaderCache(16);
        System.out.printf("%n### %s (%,d bytes)%n%n", cog.getFileName(), bytes.length);

        HttpRangeByteSource first = HttpRangeByteSource.of(url);
        GridGeometry g;
        try (GeoTiffBand band = GeoTiffBand.open(first, 0, false, cache)) {
            g = band.grid();
            System.out.printf("open over HTTP: %d request(s), %,d bytes of headers (%s, %d overviews, tiles %dx%d, predictor %d)%n%n",
                    first.requestCount(), first.bytesReceived(), g.width() + "x" + g.height(), band.overviewCount(),
                    band.image().tileWidth(), band.image().tileHeight(), band.image().predictor());
        }
        double x0 = g.originX();
        double y0 = g.originY();
        List<Win> wins = new ArrayList<>();
        // 2 km x 2 km AOIs (200x200 px at 10 m)
        wins.add(aoi("2 km AOI inside one tile", g, x0 + 21000, y0 - 30020, x0 + 23000, y0 - 28020));
        wins.add(aoi("2 km AOI on a 4-tile corner", g, x0 + 50200, y0 - 52200, x0 + 52200, y0 - 50200));
        wins.add(new Win("1024 px window on 4 tiles", 4608, 4608, 1024, 1024));
        wins.add(new Win("1024 px window = 1 tile", 4096, 4096, 1024, 1024));
        wins.add(new Win("5 km x 3 km AOI (500x300 px)", 7000, 2000, 500, 300));

        System.out.println("| window | px | tiles | TileByteCounts sum | HTTP bytes | ratio | requests | same pixels as local |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Win w : wins) {
            HttpRangeByteSource src = HttpRangeByteSource.of(url);
            try (GeoTiffBand http = GeoTiffBand.open(src, 0, false, cache);
                 GeoTiffBand local = GeoTiffBand.open(cog.toUri())) {
                List<ByteRange> tiles = http.windowRanges(w.col(), w.row(), w.w(), w.h());
                long tileBytes = tiles.stream().mapToLong(ByteRange::length).sum();
                int[] a = http.readWindow(w.col(), w.row(), w.w(), w.h());
                boolean same = Arrays.equals(a, local.readWindow(w.col(), w.row(), w.w(), w.h()));
                System.out.printf("| %s | %d,%d %dx%d | %d | %,d | %,d | %.4f | %d | %s |%n", w.name(), w.col(), w.row(),
                        w.w(), w.h(), tiles.size(), tileBytes, src.bytesReceived(),
                        src.bytesReceived() / (double) tileBytes, src.requestCount(), same);
            }
        }

        System.out.println();
        System.out.println("| 1024x1024 window | reader (parallel decode) ms | reader (serial) ms | gdal_translate -srcwin ms | GDAL ReadAsArray ms | reader / gdal_translate | reader / ReadAsArray |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Win w : List.of(wins.get(2), wins.get(3))) {
            double[] sp = timeReader(cog, cache, w);
            double ser = sp[0];
            double par = sp[1];
            double gdal = timeGdalTranslate(cog, work, w);
            double ras = timeReadAsArray(cog, w);
            System.out.printf("| %s (%d,%d) | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |%n", w.name(), w.col(), w.row(),
                    par, ser, gdal, ras, Math.min(par, ser) / gdal, Math.min(par, ser) / ras);
        }
    }

    /** Median ms of {serial, parallel} decoding, the two interleaved so that load from elsewhere hits both alike. */
    static double[] timeReader(Path cog, TiffHeaderCache cache, Win w) throws IOException {
        int runs = 21;
        double[][] t = new double[2][runs];
        try (FileByteSource src = new FileByteSource(cog)) {
            for (int i = -5; i < runs; i++) {
                for (int mode = 0; mode < 2; mode++) {
                    long s = System.nanoTime();
                    try (GeoTiffBand b = GeoTiffBand.open(src, 0, false, cache).parallelDecode(mode == 1)) {
                        int[] a = b.readWindow(w.col(), w.row(), w.w(), w.h());
                        if (a.length != w.w() * w.h()) {
                            throw new IllegalStateException();
                        }
                    }
                    if (i >= 0) {
                        t[mode][i] = (System.nanoTime() - s) / 1e6;
                    }
                }
            }
        }
        return new double[] {median(t[0]), median(t[1])};
    }

    static double timeGdalTranslate(Path cog, Path work, Win w) throws Exception {
        double[] t = new double[7];
        Path out = work.resolve("srcwin.tif");
        for (int i = -1; i < t.length; i++) {
            long s = System.nanoTime();
            Process p = new ProcessBuilder("gdal_translate", "-q", "-srcwin", "" + w.col(), "" + w.row(), "" + w.w(),
                    "" + w.h(), cog.toString(), out.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("gdal_translate failed");
            }
            if (i >= 0) {
                t[i] = (System.nanoTime() - s) / 1e6;
            }
        }
        Files.deleteIfExists(out);
        return median(t);
    }

    static double timeReadAsArray(Path cog, Win w) throws Exception {
        String py = "import time, statistics\nfrom osgeo import gdal\nts=[]\n"
                + "for i in range(16):\n"
                + "    s=time.perf_counter(); ds=gdal.Open('" + cog + "'); a=ds.GetRasterBand(1).ReadAsArray("
                + w.col() + "," + w.row() + "," + w.w() + "," + w.h() + "); ds=None\n"
                + "    ts.append((time.perf_counter()-s)*1000)\n"
                + "print(statistics.median(ts[1:]))\n";
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", py).redirectErrorStream(true).start();
        String outText = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IOException("python GDAL timing failed: " + outText);
        }
        return Double.parseDouble(outText);
    }

    static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
