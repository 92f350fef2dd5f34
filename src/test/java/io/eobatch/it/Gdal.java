package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Assumptions;

/**
 * GDAL's command-line tools (Debian's gdal-bin, installed by {@code .ci/run}) as a STAC and COG client no one here
 * wrote: a test that needs them skips with a message where they are absent. Every call has a deadline; the
 * environment has no proxy settings (the server is on 127.0.0.1) and GDAL writes no side-car files.
 */
final class Gdal {

    private static final long TIMEOUT_S = 120;

    /**
     * The options of a read over HTTP: no directory listing and so no probing for side-car files ({@code .ovr},
     * {@code .aux.xml}, ...) next to the file, as a COG client is set up for a bucket.
     */
    static final Map<String, String> REMOTE = Map.of("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");

    private Gdal() {
    }

    /** Skips the calling test, saying why, where gdalinfo does not run. */
    static void require() {
        Assumptions.assumeTrue(version() != null,
                "GDAL is not installed (gdalinfo not found): apt-get install gdal-bin python3-gdal");
    }

    /** {@code gdalinfo --version}, or null. */
    static String version() {
        try {
            Process p = new ProcessBuilder("gdalinfo", "--version").redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Runs a GDAL tool with extra configuration options (environment); its standard output; fails on exit != 0. */
    static String run(Map<String, String> options, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
                .forEach(env::remove);
        env.put("GDAL_PAM_ENABLED", "NO");
        // the server wants a login: GDAL's HTTP reads (/vsicurl/, STAC) as the ITs' default user
        env.put("GDAL_HTTP_AUTH", "BASIC");
        env.put("GDAL_HTTP_USERPWD", Api.DEFAULT_USER + ":" + Api.DEFAULT_PASSWORD);
        env.putAll(options);
        // both streams to files: reading stdout before waitFor would block past the deadline on a GDAL that hangs
        Path err = Files.createTempFile("gdal", ".err");
        Path outFile = Files.createTempFile("gdal", ".out");
        pb.redirectError(err.toFile());
        pb.redirectOutput(outFile.toFile());
        Process p = pb.start();
        boolean ended = p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String stderr = Files.readString(err);
        byte[] out = Files.readAllBytes(outFile);
        Files.deleteIfExists(err);
        Files.deleteIfExists(outFile);
        assertTrue(ended, String.join(" ", command) + ": no answer in " + TIMEOUT_S + " s; " + stderr);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + stderr + new String(out));
        return new String(out);
    }

    /** {@code gdalinfo -json} of a data set. */
    static JsonObject info(Map<String, String> options, String dataset) throws IOException, InterruptedException {
        try (var r = Json.createReader(new StringReader(run(options, "gdalinfo", "-json", dataset)))) {
            return r.readObject();
        }
    }

    /**
     * Band 1 of a data set (or the window {@code srcwin}: x y w h, may be null) as Float32, row-major: copied with
     * {@code options} to a plain GeoTIFF in {@code dir}, then to raw ENVI with none (the ENVI driver finds its header
     * by listing the folder, which {@link #REMOTE} turns off).
     */
    static float[] readFloats(Map<String, String> options, String dataset, int[] srcwin, Path dir)
            throws IOException, InterruptedException {
        Path tif = Files.createTempFile(dir, "band", ".tif");
        Path raw = Files.createTempFile(dir, "band", ".bin");
        List<String> cmd = new ArrayList<>(List.of("gdal_translate", "-q", "-of", "GTiff", "-ot", "Float32",
                "-b", "1"));
        if (srcwin != null) {
            cmd.addAll(List.of("-srcwin", "" + srcwin[0], "" + srcwin[1], "" + srcwin[2], "" + srcwin[3]));
        }
        cmd.add(dataset);
        cmd.add(tif.toString());
        run(options, cmd.toArray(String[]::new));
        run(Map.of(), "gdal_translate", "-q", "-of", "ENVI", tif.toString(), raw.toString());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.nativeOrder());
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
