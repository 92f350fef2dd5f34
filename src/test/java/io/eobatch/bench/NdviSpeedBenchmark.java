package io.eobatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.IndexStatistics;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.stats.SceneStatistics;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.testsupport.TestData;

/**
 * Times eobatch's NDVI statistics on the sample data (no JMH: a plain main with warm-up and repetitions).
 * Run it with src/test/bench/ndvi-speed.sh, which also times the GDAL reference on the same inputs; see BENCHMARKS.md.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) io.eobatch.bench.NdviSpeedBenchmark \
 *      [--shared ../shared/data] [--warmup 50] [--reps 300] [--large DIR --large-aoi FILE --large-reps 5]
 * </pre>
 *
 * Prints {@code key=value} lines (milliseconds):
 * <ul>
 *   <li>{@code sample.round_ms}: one round = the 10 drava items x the 2 AOIs of aoi-drava.geojson + the 29RKH item x
 *       its 2 AOIs (24 statistics), bands already in memory: the statistics alone (reprojection, rasterization,
 *       window reads, SCL resampling, index, percentiles);</li>
 *   <li>{@code sample.decode_round_ms}: the same round opening (decoding) every GeoTIFF with the test adapter
 *       (GeoTiffBand: only the AOI windows), i.e. end to end from files as the GDAL script does;</li>
 *   <li>{@code large.*}: the statistics of each AOI over a large scene (--large), bands in memory.</li>
 * </ul>
 */
public final class NdviSpeedBenchmark {

    private record Job(SceneInput scene, TestData.Feature aoi) {
    }

    private NdviSpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of("../shared/data");
        int warmup = 50;
        int reps = 300;
        int decodeReps = 5;
        Path large = null;
        Path largeAoi = null;
        int largeReps = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shared" -> shared = Path.of(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--decode-reps" -> decodeReps = Integer.parseInt(args[++i]);
                case "--large" -> large = Path.of(args[++i]);
                case "--large-aoi" -> largeAoi = Path.of(args[++i]);
                case "--large-reps" -> largeReps = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
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

        // Statistics alone: bands decoded once.
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < sceneDirs.size(); i++) {
            SceneInput scene = TestData.scene(sceneDirs.get(i));
            for (TestData.Feature f : TestData.features(aoiFiles.get(i))) {
                jobs.add(new Job(scene, f));
            }
        }
        long sink = 0;
        for (int r = 0; r < warmup; r++) {
            sink += round(jobs);
        }
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            sink += round(jobs);
        }
        double roundMs = (System.nanoTime() - t0) / 1e6 / reps;
        print("sample.scenes", sceneDirs.size());
        print("sample.statistics_per_round", jobs.size());
        print("sample.reps", reps);
        print("sample.round_ms", roundMs);
        print("sample.per_statistic_ms", roundMs / jobs.size());

        // End to end from the files (decoding whole GeoTIFFs with the test adapter).
        for (int r = 0; r < 2; r++) {
            sink += decodeRound(sceneDirs, aoiFiles);
        }
        long t1 = System.nanoTime();
        for (int r = 0; r < decodeReps; r++) {
            sink += decodeRound(sceneDirs, aoiFiles);
        }
        print("sample.decode_round_ms", (System.nanoTime() - t1) / 1e6 / decodeReps);

        if (large != null) {
            long t2 = System.nanoTime();
            SceneInput scene = TestData.scene(large);
            print("large.decode_ms", (System.nanoTime() - t2) / 1e6);
            List<TestData.Feature> aois = TestData.features(largeAoi);
            for (TestData.Feature f : aois) {
                IndexStatistics s = stats(scene, f);
                print("large." + f.id() + ".pixels", s.pixelCount());
                print("large." + f.id() + ".valid", s.validCount());
                System.out.println("large." + f.id() + ".mean=" + s.mean());
                sink += s.validCount();
                for (int r = 0; r < 2; r++) {
                    sink += stats(scene, f).validCount();
                }
                long t3 = System.nanoTime();
                for (int r = 0; r < largeReps; r++) {
                    sink += stats(scene, f).validCount();
                }
                print("large." + f.id() + ".ms", (System.nanoTime() - t3) / 1e6 / largeReps);
            }
        }
        print("sink", sink);
    }

    private static long round(List<Job> jobs) throws IOException {
        long n = 0;
        for (Job j : jobs) {
            n += stats(j.scene(), j.aoi()).validCount();
        }
        return n;
    }

    private static long decodeRound(List<Path> dirs, List<Path> aoiFiles) throws IOException {
        long n = 0;
        for (int i = 0; i < dirs.size(); i++) {
            SceneInput scene = TestData.scene(dirs.get(i));
            for (TestData.Feature f : TestData.features(aoiFiles.get(i))) {
                n += stats(scene, f).validCount();
            }
        }
        return n;
    }

    private static IndexStatistics stats(SceneInput scene, TestData.Feature f) throws IOException {
        return SceneStatistics.compute(scene, f.geometry(), f.epsg(), SpectralIndex.NDVI, CloudMask.DEFAULT);
    }

    private static void print(String key, double value) {
        System.out.println(key + "=" + String.format(Locale.ROOT, "%.4f", value));
    }

    private static void print(String key, long value) {
        System.out.println(key + "=" + value);
    }
}
