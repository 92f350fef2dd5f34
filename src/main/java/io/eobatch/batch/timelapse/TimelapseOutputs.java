package io.eobatch.batch.timelapse;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import javax.imageio.ImageIO;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

import io.eobatch.raster.image.AnimatedGif;
import io.eobatch.results.ResultsStore;
import io.eobatch.results.JsonValues;

/**
 * The files of an aoi-timelapse run, under the job instance's results folder (see {@link ResultsStore}), all
 * written atomically:
 * <pre>
 * timelapse/&lt;aoiId&gt;/&lt;yyyy-MM&gt;-&lt;index&gt;.png    the index image of the month's clearest scene (colour map, transparent
 *                                          where clouds, nodata or outside the AOI)
 * timelapse/&lt;aoiId&gt;/&lt;yyyy-MM&gt;-truecolour.png  the true-colour image of the same scene over the AOI's window
 * timelapse/&lt;aoiId&gt;/timelapse.gif              the DONE months' index images in month order, labelled yyyy-MM
 * timelapse/&lt;aoiId&gt;/timelapse.json             every month: status, scene, clear fraction, reason, files, and
 *                                          the note of a frame drawn by a remote provider
 * </pre>
 */
public final class TimelapseOutputs {

    private static final Logger LOG = Logger.getLogger(TimelapseOutputs.class.getName());

    /**
     * One month of an AOI as the manifest lists it.
     *
     * @param month         the calendar month
     * @param status        the ledger status (DONE, NO_DATA, TOO_CLOUDY, FAILED, ...)
     * @param sceneId       the chosen scene (DONE), else null
     * @param acquired      its datetime, else null
     * @param clearFraction its clear fraction over the AOI, else null
     * @param reason        why not DONE (the ledger's last error), else null
     * @param indexPng      the index image (relative path), DONE only
     * @param truecolourPng the true-colour image (relative path), DONE only; null when the provider draws none
     * @param note          what the frame is when a remote provider drew it, and what is not known; else null
     */
    public record Month(YearMonth month, String status, String sceneId, Instant acquired, Double clearFraction,
                        String reason, String indexPng, String truecolourPng, String note) {

        /** A month without a note (the stac provider's frames, and months that are not DONE). */
        public Month(YearMonth month, String status, String sceneId, Instant acquired, Double clearFraction,
                     String reason, String indexPng, String truecolourPng) {
            this(month, status, sceneId, acquired, clearFraction, reason, indexPng, truecolourPng, null);
        }
    }

    private TimelapseOutputs() {
    }

    public static String folder(String aoiId) {
        return "timelapse/" + aoiId;
    }

    public static String indexPng(String aoiId, YearMonth month, String index) {
        return folder(aoiId) + "/" + month + "-" + index + ".png";
    }

    public static String truecolourPng(String aoiId, YearMonth month) {
        return folder(aoiId) + "/" + month + "-truecolour.png";
    }

    public static String gif(String aoiId) {
        return folder(aoiId) + "/timelapse.gif";
    }

    public static String manifest(String aoiId) {
        return folder(aoiId) + "/timelapse.json";
    }

    /**
     * Writes the animated GIF of an AOI (its DONE months whose index image exists, in month order, each labelled
     * yyyy-MM) and its manifest. An AOI without any such month gets no GIF (the manifest says {@code "gif": null}).
     *
     * @return the number of frames of the GIF
     */
    public static int writeAoi(ResultsStore store, long jobInstanceId, String aoiId, List<Month> months,
                               AnimatedGif animation) throws IOException {
        Path base = store.dir(jobInstanceId);
        List<Month> sorted = months.stream().sorted((a, b) -> a.month().compareTo(b.month())).toList();
        List<AnimatedGif.Frame> frames = new ArrayList<>();
        List<YearMonth> inGif = new ArrayList<>();
        for (Month m : sorted) {
            if (!"DONE".equals(m.status()) || m.indexPng() == null) {
                continue;
            }
            Path png = base.resolve(m.indexPng());
            BufferedImage img = Files.isRegularFile(png) ? ImageIO.read(png.toFile()) : null;
            if (img == null) {
                LOG.warning(() -> "AOI " + aoiId + " " + m.month() + ": index image " + png
                        + " is missing or unreadable: left out of the GIF");
                continue;
            }
            frames.add(new AnimatedGif.Frame(img, m.month().toString()));
            inGif.add(m.month());
        }
        String gifPath = frames.isEmpty() ? null : gif(aoiId);
        if (gifPath != null) {
            byte[] bytes = animation.encode(frames);
            store.write(jobInstanceId, gifPath, out -> out.write(bytes));
        }
        JsonObjectBuilder doc = JsonValues.JSON.createObjectBuilder().add("aoiId", aoiId);
        if (gifPath == null) {
            doc.addNull("gif");
        } else {
            doc.add("gif", gifPath);
        }
        doc.add("frames", inGif.size());
        JsonArrayBuilder arr = JsonValues.JSON.createArrayBuilder();
        for (Month m : sorted) {
            JsonObjectBuilder o = JsonValues.JSON.createObjectBuilder().add("month", m.month().toString())
                    .add("status", m.status());
            addOrNull(o, "sceneId", m.sceneId());
            addOrNull(o, "acquired", m.acquired() == null ? null : m.acquired().toString());
            if (m.clearFraction() == null) {
                o.addNull("clearFraction");
            } else {
                o.add("clearFraction", m.clearFraction());
            }
            addOrNull(o, "reason", m.reason());
            addOrNull(o, "indexPng", m.indexPng());
            addOrNull(o, "truecolourPng", m.truecolourPng());
            if (m.note() != null) {
                o.add("note", m.note()); // only frames drawn by a remote provider have one
            }
            o.add("inGif", inGif.contains(m.month()));
            arr.add(o);
        }
        doc.add("months", arr);
        var json = doc.build();
        java.io.StringWriter text = new java.io.StringWriter();
        try (JsonWriter jw = JsonValues.JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(text)) {
            jw.writeObject(json);
        }
        byte[] manifestBytes = text.toString().getBytes(StandardCharsets.UTF_8);
        store.write(jobInstanceId, manifest(aoiId), out -> out.write(manifestBytes));
        return inGif.size();
    }

    private static void addOrNull(JsonObjectBuilder o, String name, String value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value);
        }
    }
}
