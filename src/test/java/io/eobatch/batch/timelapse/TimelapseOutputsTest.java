package io.eobatch.batch.timelapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.eobatch.raster.image.AnimatedGif;
import io.eobatch.raster.image.PngWriter;
import io.eobatch.results.ResultsStore;

class TimelapseOutputsTest {

    private static final long INSTANCE = 42;

    @TempDir
    Path data;

    private ResultsStore store() {
        return ResultsStore.at(data);
    }

    /** A month whose index image is one solid colour, written where the processor writes it. */
    private TimelapseOutputs.Month done(String aoi, String month, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(x, y, 0xff000000 | rgb);
            }
        }
        YearMonth m = YearMonth.parse(month);
        String png = TimelapseOutputs.indexPng(aoi, m, "ndvi");
        byte[] bytes = PngWriter.encode(img);
        store().write(INSTANCE, png, out -> out.write(bytes));
        return new TimelapseOutputs.Month(m, "DONE", "scene-" + month, Instant.parse(month + "-10T10:00:00Z"), 0.9,
                null, png, TimelapseOutputs.truecolourPng(aoi, m));
    }

    private static TimelapseOutputs.Month skipped(String month, String status) {
        return new TimelapseOutputs.Month(YearMonth.parse(month), status, null, null, null, "because", null, null);
    }

    static List<BufferedImage> frames(Path gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            try {
                reader.setInput(in);
                List<BufferedImage> out = new ArrayList<>();
                for (int i = 0; i < reader.getNumImages(true); i++) {
                    out.add(reader.read(i));
                }
                return out;
            } finally {
                reader.dispose();
            }
        }
    }

    @Test
    void theGifHasTheDoneMonthsInMonthOrderAndTheManifestEveryMonth() throws Exception {
        List<TimelapseOutputs.Month> months = List.of(done("field", "2023-09", 0x0000ff), skipped("2023-07", "NO_DATA"),
                done("field", "2023-06", 0xff0000), skipped("2023-08", "TOO_CLOUDY"));
        int n = TimelapseOutputs.writeAoi(store(), INSTANCE, "field", months, new AnimatedGif());
        assertEquals(2, n);
        Path gif = data.resolve("results/42/timelapse/field/timelapse.gif");
        List<BufferedImage> frames = frames(gif);
        assertEquals(2, frames.size(), "June and September; July (no data) and August (too cloudy) left out");
        // bottom-right corner, away from the label: June's red first, then September's blue
        assertEquals(0xff0000, frames.get(0).getRGB(39, 29) & 0xffffff);
        assertEquals(0x0000ff, frames.get(1).getRGB(39, 29) & 0xffffff);
        assertTrue(frames.get(0).getRGB(5, 5) != frames.get(0).getRGB(39, 29), "a label is drawn top-left");

        JsonObject manifest = Json.createReader(new StringReader(Files.readString(
                data.resolve("results/42/timelapse/field/timelapse.json")))).readObject();
        assertEquals("timelapse/field/timelapse.gif", manifest.getString("gif"));
        assertEquals(2, manifest.getInt("frames"));
        JsonArray ms = manifest.getJsonArray("months");
        assertEquals(List.of("2023-06", "2023-07", "2023-08", "2023-09"),
                ms.stream().map(v -> v.asJsonObject().getString("month")).toList());
        JsonObject aug = ms.getJsonObject(2);
        assertEquals("TOO_CLOUDY", aug.getString("status"));
        assertEquals("because", aug.getString("reason"));
        assertFalse(aug.getBoolean("inGif"));
        assertTrue(aug.isNull("sceneId"));
        JsonObject june = ms.getJsonObject(0);
        assertEquals("scene-2023-06", june.getString("sceneId"));
        assertEquals(0.9, june.getJsonNumber("clearFraction").doubleValue(), 0);
        assertEquals("timelapse/field/2023-06-ndvi.png", june.getString("indexPng"));
        assertTrue(june.getBoolean("inGif"));
        try (Stream<Path> s = Files.list(data.resolve("results/42/timelapse/field"))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void anAoiWithoutAClearMonthGetsNoGifButAManifest() throws Exception {
        int n = TimelapseOutputs.writeAoi(store(), INSTANCE, "lake", List.of(skipped("2023-07", "NO_DATA")),
                new AnimatedGif());
        assertEquals(0, n);
        assertFalse(Files.exists(data.resolve("results/42/timelapse/lake/timelapse.gif")));
        JsonObject manifest = Json.createReader(new StringReader(Files.readString(
                data.resolve("results/42/timelapse/lake/timelapse.json")))).readObject();
        assertTrue(manifest.isNull("gif"));
        assertEquals(0, manifest.getInt("frames"));
    }

    @Test
    void aDoneMonthWhoseImageIsMissingIsLeftOutOfTheGif() throws Exception {
        TimelapseOutputs.Month june = done("field", "2023-06", 0xff0000);
        TimelapseOutputs.Month july = done("field", "2023-07", 0x00ff00);
        Files.delete(data.resolve("results/42").resolve(july.indexPng()));
        assertEquals(1, TimelapseOutputs.writeAoi(store(), INSTANCE, "field", List.of(june, july), new AnimatedGif()));
        assertEquals(1, frames(data.resolve("results/42/timelapse/field/timelapse.gif")).size());
    }

    @Test
    void pathsAreSafeResultPaths() {
        for (String p : List.of(TimelapseOutputs.indexPng("drava-a", YearMonth.of(2023, 8), "ndvi"),
                TimelapseOutputs.truecolourPng("drava-a", YearMonth.of(2023, 8)), TimelapseOutputs.gif("a.b_c"),
                TimelapseOutputs.manifest("x"))) {
            assertTrue(ResultsStore.isSafeRelative(p), p);
        }
        assertEquals("timelapse/drava-a/2023-08-ndvi.png",
                TimelapseOutputs.indexPng("drava-a", YearMonth.of(2023, 8), "ndvi"));
    }
}
