package io.eobatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.NearestResampler;
import io.eobatch.raster.PixelWindow;
import io.eobatch.raster.PolygonCoverage;
import io.eobatch.raster.PolygonRasterizer;
import io.eobatch.raster.RasterBand;
import io.eobatch.raster.Reprojection;
import io.eobatch.raster.io.ByteSource;
import io.eobatch.raster.io.ByteSources;
import io.eobatch.raster.io.RangeHttpServer;
import io.eobatch.raster.stats.Band;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.IndexStatistics;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.stats.SceneStatistics;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.raster.stats.Weighting;
import io.eobatch.raster.tiff.GeoTiffBand;
import io.eobatch.raster.tiff.TiffHeaderCache;
import io.eobatch.testsupport.TestData;

/**
 * Times eobatch's NDVI statistics on the sample data and on large scenes (no JMH: a plain main with warm-up and
 * repetitions). Run it with src/test/bench/ndvi-speed.sh, which also times the GDAL scripts on the same inputs; see
 * BENCHMARKS.md.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) io.eobatch.bench.NdviSpeedBenchmark \
 *      [--shared ../shared/data] [--warmup 50] [--reps 300] [--e2e-reps 20] [--http] [--parallel-decode|--serial-decode]
 *      [--large DIR ... --large-aoi FILE --large-reps 5 [--large-memory]]
 * java ... NdviSpeedBenchmark [--parallel-decode|--serial-decode] --once DIR AOI.geojson
 *                                          (one scene end to end from the files, then exit)
 * </pre>
 *
 * Prints {@code key=value} lines (milliseconds):
 * <ul>
 *   <li>{@code sample.round_ms}: one round = the 10 drava items x the 2 AOIs of aoi-drava.geojson + the 29RKH item x
 *       its 2 AOIs (22 statistics), bands decoded into memory beforehand: the statistics alone (reprojection,
 *       rasterization, window copies, SCL resampling, index, percentiles);</li>
 *   <li>{@code sample.coverage.round_ms}, {@code sample.coverage.files_round_ms}: the same rounds with
 *       {@link Weighting#COVERAGE}, timed in the same loops (a centre round, then a coverage round, alternately, so
 *       that both see the same machine load), and {@code ratio.coverage_vs_centre.statistics} / {@code .files}:
 *       coverage time / centre time (the brief's budget: at most 1.5), in wall time, process CPU time and the
 *       benchmark thread's CPU time ({@code _thread_cpu}: no GC or JIT threads, no waiting for a core);</li>
 *   <li>{@code sample.files_round_ms}: the same round end to end from the files: every round opens every GeoTIFF
 *       with {@link GeoTiffBand} and a new (empty) header cache, reads the AOI windows (only their tiles) and closes
 *       them, as the GDAL scripts do;</li>
 *   <li>{@code sample.http_round_ms} ({@code --http}): the same from an HTTP server on 127.0.0.1 (range requests);</li>
 *   <li>{@code large.NAME.*} for each {@code --large} folder (B04.tif, B08.tif, SCL.tif): per AOI its counts and
 *       mean (checked against GDAL by the script), then {@code files_ms} (median end to end, both AOIs, cold header
 *       cache), {@code read_ms} (of which: reading the B04/B08/SCL windows the statistics read), {@code http_ms},
 *       each also as {@code *_cpu_ms} (CPU time of the whole JVM: JIT and GC included, the HTTP server too),
 *       and with {@code --large-memory} {@code memory_ms} (statistics alone, bands decoded into memory) and
 *       {@code coverage.memory_ms}, {@code ratio.coverage_vs_centre.memory} (the same, coverage weighting,
 *       alternating with the centre runs).</li>
 * </ul>
 * {@code --parallel-decode} / {@code --serial-decode} force {@link GeoTiffBand#parallelDecode(boolean)} on / off for
 * every band opened (default: the reader's own choice, parallel for large windows only).
 */
public final class NdviSpeedBenchmark {

    private record Job(SceneInput scene, TestData.Feature aoi) {
    }

    private static Boolean parallelDecode;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private NdviSpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // the JDK's test HTTP server leaves Nagle's algorithm on: ~20 ms stalls per response on loopback without this
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path shared = Path.of("../shared/data");
        int warmup = 50;
        int reps = 300;
        int e2eReps = 20;
        boolean http = false;
        List<Path> large = new ArrayList<>();
        Path largeAoi = null;
        int largeReps = 5;
        boolean largeMemory = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shared" -> shared = Path.of(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--e2e-reps" -> e2eReps = Integer.parseInt(args[++i]);
                case "--http" -> http = true;
                case "--parallel-decode" -> parallelDecode = Boolean.TRUE;
                case "--serial-decode" -> parallelDecode = Boolean.FALSE;
                case "--large" -> large.add(Path.of(args[++i]));
                case "--large-aoi" -> largeAoi = Path.of(args[++i]);
                case "--large-reps" -> largeReps = Integer.parseInt(args[++i]);
                case "--large-memory" -> largeMemory = true;
                case "--once" -> {
                    once(Path.of(args[i + 1]), Path.of(args[i + 2]));
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (reps > 0) {
            sample(shared, warmup, reps, e2eReps, http);
        }
        for (Path dir : large) {
            large(dir, TestData.features(largeAoi), largeReps, largeMemory, http);
        }
    }

    // ------------------------------------------------------------------------------------------------ sample

    private static void sample(Path shared, int warmup, int reps, int e2eReps, boolean http) throws Exception {
        List<Path> sceneDirs = new ArrayList<>();
        List<Path> aoiFiles = new ArrayList<>();
        Path dravaAoi = shared.resolve("aoi/aoi-drava.geojson");
        try (var s = Files.list(shared.resolve("s2l2a-drava-2023-08/sentinel-2-l2a"))) {
            s.filter(Files::isDirectory).sorted().forEach(d -> {
                sceneDirs.add(d);
                aoiFiles.add(dravaAoi);
            });
        }
        sceneDirs.add(shared.resolve("s2l2a-29RKH-20200219"));
        aoiFiles.add(shared.resolve("aoi/aoi-29RKH.geojson"));

        // Statistics alone: bands decoded into memory once.
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < sceneDirs.size(); i++) {
            SceneInput scene = inMemory(sceneDirs.get(i));
            for (TestData.Feature f : TestData.features(aoiFiles.get(i))) {
                jobs.add(new Job(scene, f));
            }
        }
        long sink = 0;
        for (int r = 0; r < warmup; r++) {
            sink += round(jobs, Weighting.CENTRE) + round(jobs, Weighting.COVERAGE);
        }
        Alternating stats = new Alternating();
        for (int r = 0; r < reps; r++) {
            for (Weighting w : Weighting.values()) {
                stats.start();
                sink += round(jobs, w);
                stats.stop(w);
            }
        }
        double roundMs = stats.wallMs(Weighting.CENTRE) / reps;
        print("sample.scenes", sceneDirs.size());
        print("sample.statistics_per_round", jobs.size());
        print("sample.reps", reps);
        print("sample.round_ms", roundMs);
        print("sample.round_cpu_ms", stats.cpuMs(Weighting.CENTRE) / reps);
        print("sample.per_statistic_ms", roundMs / jobs.size());
        print("sample.coverage.round_ms", stats.wallMs(Weighting.COVERAGE) / reps);
        print("sample.coverage.round_cpu_ms", stats.cpuMs(Weighting.COVERAGE) / reps);
        print("sample.round_thread_cpu_ms", stats.threadCpuMs(Weighting.CENTRE) / reps);
        print("sample.coverage.round_thread_cpu_ms", stats.threadCpuMs(Weighting.COVERAGE) / reps);
        print("sample.coverage.boundary_pixels_per_round", boundaryPixels(jobs));
        print("ratio.coverage_vs_centre.statistics", stats.ratio());
        print("ratio.coverage_vs_centre.statistics_cpu", stats.cpuRatio());
        print("ratio.coverage_vs_centre.statistics_thread_cpu", stats.threadCpuRatio());

        // End to end from the files.
        List<List<URI>> fileUris = new ArrayList<>();
        for (Path d : sceneDirs) {
            fileUris.add(List.of(d.resolve("B04.tif").toUri(), d.resolve("B08.tif").toUri(),
                    d.resolve("SCL.tif").toUri()));
        }
        List<List<TestData.Feature>> aois = new ArrayList<>();
        for (Path a : aoiFiles) {
            aois.add(TestData.features(a));
        }
        for (int r = 0; r < warmup / 5 + 1; r++) {
            sink += endToEndRound(fileUris, aois, Weighting.CENTRE) + endToEndRound(fileUris, aois, Weighting.COVERAGE);
        }
        Alternating files = new Alternating();
        for (int r = 0; r < e2eReps; r++) {
            for (Weighting w : Weighting.values()) {
                files.start();
                sink += endToEndRound(fileUris, aois, w);
                files.stop(w);
            }
        }
        print("sample.e2e_reps", e2eReps);
        print("sample.files_round_ms", files.wallMs(Weighting.CENTRE) / e2eReps);
        print("sample.files_round_cpu_ms", files.cpuMs(Weighting.CENTRE) / e2eReps);
        print("sample.coverage.files_round_ms", files.wallMs(Weighting.COVERAGE) / e2eReps);
        print("sample.coverage.files_round_cpu_ms", files.cpuMs(Weighting.COVERAGE) / e2eReps);
        print("ratio.coverage_vs_centre.files", files.ratio());
        print("ratio.coverage_vs_centre.files_thread_cpu", files.threadCpuRatio());

        if (http) {
            try (RangeHttpServer server = new RangeHttpServer()) {
                List<List<URI>> urls = new ArrayList<>();
                for (int i = 0; i < sceneDirs.size(); i++) {
                    List<URI> u = new ArrayList<>();
                    for (URI f : fileUris.get(i)) {
                        Path p = Path.of(f);
                        u.add(server.serve("/" + i + "/" + p.getFileName(), Files.readAllBytes(p)));
                    }
                    urls.add(u);
                }
                for (int r = 0; r < warmup / 5 + 1; r++) {
                    sink += endToEndRound(urls, aois, Weighting.CENTRE);
                }
                server.resetCounters();
                long t2 = System.nanoTime();
                for (int r = 0; r < e2eReps; r++) {
                    sink += endToEndRound(urls, aois, Weighting.CENTRE);
                }
                print("sample.http_round_ms", (System.nanoTime() - t2) / 1e6 / e2eReps);
                print("sample.http_requests_per_round", server.requests() / e2eReps);
                print("sample.http_bytes_per_round", server.bytesSent() / e2eReps);
            }
        }
        print("sink", sink);
    }

    private static long round(List<Job> jobs, Weighting weighting) throws IOException {
        long n = 0;
        for (Job j : jobs) {
            n += stats(j.scene(), j.aoi(), weighting).validCount();
        }
        return n;
    }

    /** The pixels with 0 &lt; c &lt; 1 in one round: the pixels whose fractions are computed. */
    private static long boundaryPixels(List<Job> jobs) {
        long n = 0;
        for (Job j : jobs) {
            GridGeometry grid = j.scene().band(Band.RED).grid();
            n += PolygonCoverage.coverage(Reprojection.transform(j.aoi().geometry(), j.aoi().epsg(), grid.epsg()), grid)
                    .partialCount();
        }
        return n;
    }

    /**
     * Wall time, process CPU time and this thread's CPU time of alternating runs, per weighting. The thread's CPU time
     * leaves out GC and JIT threads and time spent waiting for a core: the steadiest measure on a loaded machine.
     */
    private static final class Alternating {
        private final Map<Weighting, long[]> nanos = new EnumMap<>(Weighting.class); // {wall, cpu, thread cpu}
        private long t0;
        private long c0;
        private long h0;

        void start() {
            t0 = System.nanoTime();
            c0 = cpuNanos();
            h0 = THREADS.getCurrentThreadCpuTime();
        }

        void stop(Weighting w) {
            long[] a = nanos.computeIfAbsent(w, k -> new long[3]);
            a[0] += System.nanoTime() - t0;
            a[1] += cpuNanos() - c0;
            a[2] += THREADS.getCurrentThreadCpuTime() - h0;
        }

        double threadCpuMs(Weighting w) {
            return nanos.get(w)[2] / 1e6;
        }

        double threadCpuRatio() {
            return threadCpuMs(Weighting.COVERAGE) / threadCpuMs(Weighting.CENTRE);
        }

        double wallMs(Weighting w) {
            return nanos.get(w)[0] / 1e6;
        }

        double cpuMs(Weighting w) {
            return nanos.get(w)[1] / 1e6;
        }

        double ratio() {
            return wallMs(Weighting.COVERAGE) / wallMs(Weighting.CENTRE);
        }

        double cpuRatio() {
            return cpuMs(Weighting.COVERAGE) / cpuMs(Weighting.CENTRE);
        }
    }

    /** Every scene opened with a new header cache, its AOIs computed, its bands closed. */
    private static long endToEndRound(List<List<URI>> scenes, List<List<TestData.Feature>> aois, Weighting weighting)
            throws IOException {
        long n = 0;
        TiffHeaderCache cache = new TiffHeaderCache(16);
        for (int i = 0; i < scenes.size(); i++) {
            SceneInput scene = open(scenes.get(i), cache);
            try {
                for (TestData.Feature f : aois.get(i)) {
                    n += stats(scene, f, weighting).validCount();
                }
            } finally {
                TestData.close(scene);
            }
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------------- large

    private static void large(Path dir, List<TestData.Feature> aois, int reps, boolean memory, boolean http)
            throws Exception {
        String key = "large." + dir.getFileName() + ".";
        List<URI> uris = List.of(dir.resolve("B04.tif").toUri(), dir.resolve("B08.tif").toUri(),
                dir.resolve("SCL.tif").toUri());
        long sink = 0;
        // first run: results and a warm-up
        SceneInput scene = open(uris, new TiffHeaderCache(4));
        print(key + "size", scene.band(Band.RED).grid().width());
        for (TestData.Feature f : aois) {
            IndexStatistics s = stats(scene, f);
            print(key + f.id() + ".pixels", s.pixelCount());
            print(key + f.id() + ".valid", s.validCount());
            System.out.println(key + f.id() + ".mean=" + s.mean());
        }
        TestData.close(scene);

        double[] e2e = new double[reps];
        double[] e2eCpu = new double[reps];
        double[] read = new double[reps];
        double[] readCpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            scene = open(uris, new TiffHeaderCache(4));
            for (TestData.Feature f : aois) {
                sink += stats(scene, f).validCount();
            }
            TestData.close(scene);
            e2e[r] = (System.nanoTime() - t0) / 1e6;
            e2eCpu[r] = (cpuNanos() - c0) / 1e6;
            // the reads alone: the same windows the statistics read
            scene = open(uris, new TiffHeaderCache(4));
            long t1 = System.nanoTime();
            long c1 = cpuNanos();
            for (TestData.Feature f : aois) {
                sink += readWindows(scene, f);
            }
            read[r] = (System.nanoTime() - t1) / 1e6;
            readCpu[r] = (cpuNanos() - c1) / 1e6;
            TestData.close(scene);
        }
        print(key + "reps", reps);
        print(key + "files_ms", median(e2e));
        print(key + "files_min_ms", Arrays.stream(e2e).min().orElse(0));
        print(key + "files_cpu_ms", median(e2eCpu));
        print(key + "read_ms", median(read));
        print(key + "read_cpu_ms", median(readCpu));

        if (http) {
            try (RangeHttpServer server = new RangeHttpServer()) {
                List<URI> urls = new ArrayList<>();
                for (URI u : uris) {
                    Path p = Path.of(u);
                    urls.add(server.serve("/" + p.getFileName(), Files.readAllBytes(p)));
                }
                double[] t = new double[reps];
                double[] cpu = new double[reps];
                for (int r = -1; r < reps; r++) {
                    server.resetCounters();
                    long t0 = System.nanoTime();
                    long c0 = cpuNanos();
                    scene = open(urls, new TiffHeaderCache(4));
                    for (TestData.Feature f : aois) {
                        sink += stats(scene, f).validCount();
                    }
                    TestData.close(scene);
                    if (r >= 0) {
                        t[r] = (System.nanoTime() - t0) / 1e6;
                        cpu[r] = (cpuNanos() - c0) / 1e6;
                    }
                }
                print(key + "http_ms", median(t));
                print(key + "http_cpu_ms", median(cpu)); // the server's work included (same JVM)
                print(key + "http_requests", server.requests());
                print(key + "http_bytes", server.bytesSent());
            }
        }
        long fileBytes = 0;
        for (URI u : uris) {
            fileBytes += Files.size(Path.of(u));
        }
        print(key + "file_bytes", fileBytes);

        if (memory) {
            long t0 = System.nanoTime();
            SceneInput mem = inMemory(dir);
            print(key + "decode_whole_bands_ms", (System.nanoTime() - t0) / 1e6);
            for (TestData.Feature f : aois) {
                IndexStatistics s = stats(mem, f, Weighting.COVERAGE);
                print(key + f.id() + ".coverage.pixels", s.pixelCount());
                System.out.println(key + f.id() + ".coverage.coverage=" + s.coverage());
            }
            Map<Weighting, double[]> t = new EnumMap<>(Weighting.class);
            Map<Weighting, double[]> cpu = new EnumMap<>(Weighting.class);
            Map<Weighting, double[]> threadCpu = new EnumMap<>(Weighting.class);
            for (int r = -1; r < reps; r++) {
                for (Weighting w : Weighting.values()) {
                    long t1 = System.nanoTime();
                    long c1 = cpuNanos();
                    long h1 = THREADS.getCurrentThreadCpuTime();
                    for (TestData.Feature f : aois) {
                        sink += stats(mem, f, w).validCount();
                    }
                    if (r >= 0) {
                        t.computeIfAbsent(w, k -> new double[reps])[r] = (System.nanoTime() - t1) / 1e6;
                        cpu.computeIfAbsent(w, k -> new double[reps])[r] = (cpuNanos() - c1) / 1e6;
                        threadCpu.computeIfAbsent(w, k -> new double[reps])[r] =
                                (THREADS.getCurrentThreadCpuTime() - h1) / 1e6;
                    }
                }
            }
            print(key + "memory_ms", median(t.get(Weighting.CENTRE)));
            print(key + "memory_cpu_ms", median(cpu.get(Weighting.CENTRE)));
            print(key + "coverage.memory_ms", median(t.get(Weighting.COVERAGE)));
            print(key + "coverage.memory_cpu_ms", median(cpu.get(Weighting.COVERAGE)));
            print("ratio.coverage_vs_centre." + dir.getFileName() + ".memory",
                    median(t.get(Weighting.COVERAGE)) / median(t.get(Weighting.CENTRE)));
            print("ratio.coverage_vs_centre." + dir.getFileName() + ".memory_thread_cpu",
                    median(threadCpu.get(Weighting.COVERAGE)) / median(threadCpu.get(Weighting.CENTRE)));
        }
        print("sink", sink);
    }

    /** Reads the B04, B08 and SCL windows of the AOI's bounding box (what the statistics read). */
    private static long readWindows(SceneInput scene, TestData.Feature f) throws IOException {
        GridGeometry grid = scene.band(Band.RED).grid();
        PixelWindow w = PolygonRasterizer.rasterize(Reprojection.transform(f.geometry(), f.epsg(), grid.epsg()), grid)
                .window();
        long n = scene.band(Band.RED).readWindow(w.col0(), w.row0(), w.width(), w.height()).length;
        n += scene.band(Band.NIR).readWindow(w.col0(), w.row0(), w.width(), w.height()).length;
        n += NearestResampler.sample(scene.scl(), grid, w).length;
        return n;
    }

    /** One scene end to end from the files, in a fresh JVM: what a user's single run costs. */
    private static void once(Path dir, Path aoiFile) throws IOException {
        long t0 = System.nanoTime();
        SceneInput scene = open(List.of(dir.resolve("B04.tif").toUri(), dir.resolve("B08.tif").toUri(),
                dir.resolve("SCL.tif").toUri()), TiffHeaderCache.shared());
        for (TestData.Feature f : TestData.features(aoiFile)) {
            IndexStatistics s = stats(scene, f);
            System.out.println("once." + f.id() + ".valid=" + s.validCount());
        }
        TestData.close(scene);
        print("once.ms", (System.nanoTime() - t0) / 1e6);
    }

    // ------------------------------------------------------------------------------------------------ common

    private static SceneInput open(List<URI> b04b08scl, TiffHeaderCache cache) throws IOException {
        Map<Band, RasterBand> bands = new EnumMap<>(Band.class);
        bands.put(Band.RED, band(b04b08scl.get(0), cache));
        bands.put(Band.NIR, band(b04b08scl.get(1), cache));
        return new SceneInput(b04b08scl.get(0).toString(), Double.NaN, bands, band(b04b08scl.get(2), cache), 0);
    }

    private static GeoTiffBand band(URI uri, TiffHeaderCache cache) throws IOException {
        ByteSource s = ByteSources.open(uri);
        GeoTiffBand b = GeoTiffBand.open(s, 0, true, cache);
        return parallelDecode == null ? b : b.parallelDecode(parallelDecode);
    }

    /** A scene whose bands are decoded whole into memory (the statistics alone are then timed). */
    private static SceneInput inMemory(Path dir) throws IOException {
        SceneInput files = TestData.scene(dir);
        Map<Band, RasterBand> bands = new LinkedHashMap<>();
        for (var e : files.bands().entrySet()) {
            bands.put(e.getKey(), ArrayBand.of(e.getValue()));
        }
        SceneInput mem = new SceneInput(files.itemId(), files.cloudCover(), bands, ArrayBand.of(files.scl()),
                files.boaOffset());
        TestData.close(files);
        return mem;
    }

    /** A whole band in an int[]; windows are row copies. */
    private record ArrayBand(GridGeometry grid, Double nodata, int[] samples) implements RasterBand {

        static ArrayBand of(RasterBand b) throws IOException {
            GridGeometry g = b.grid();
            return new ArrayBand(g, b.nodata(), b.readWindow(0, 0, g.width(), g.height()));
        }

        @Override
        public int[] readWindow(int col0, int row0, int width, int height) {
            int[] out = new int[width * height];
            int fill = nodata == null ? 0 : nodata.intValue();
            if (fill != 0) {
                Arrays.fill(out, fill);
            }
            int w = grid.width();
            int c0 = Math.max(col0, 0);
            int c1 = Math.min(col0 + width, w);
            for (int r = 0; r < height; r++) {
                int sr = row0 + r;
                if (sr >= 0 && sr < grid.height() && c1 > c0) {
                    System.arraycopy(samples, sr * w + c0, out, r * width + (c0 - col0), c1 - c0);
                }
            }
            return out;
        }
    }

    private static IndexStatistics stats(SceneInput scene, TestData.Feature f) throws IOException {
        return stats(scene, f, Weighting.CENTRE);
    }

    private static IndexStatistics stats(SceneInput scene, TestData.Feature f, Weighting weighting)
            throws IOException {
        return SceneStatistics.compute(scene, f.geometry(), f.epsg(), SpectralIndex.NDVI, CloudMask.DEFAULT,
                weighting);
    }

    /** CPU time of the whole JVM (all threads: work, JIT, GC) in nanoseconds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void print(String key, double value) {
        System.out.println(key + "=" + String.format(Locale.ROOT, "%.4f", value));
    }

    private static void print(String key, long value) {
        System.out.println(key + "=" + value);
    }
}
