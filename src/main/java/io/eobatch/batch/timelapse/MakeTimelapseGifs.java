package io.eobatch.batch.timelapse;

import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.batch.ResultsBatchlet;

import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.WorkItem;
import io.eobatch.raster.image.AnimatedGif;

/**
 * Step make-gifs of aoi-timelapse: per AOI, one animated GIF of its DONE months' index images in month order, each
 * labelled yyyy-MM (NO_DATA and TOO_CLOUDY months are left out), and a manifest of every month
 * ({@link TimelapseOutputs}). Written atomically; running it again (after a restart) rewrites the same files.
 */
@Named
@Dependent
public class MakeTimelapseGifs extends ResultsBatchlet {

    private static final Logger LOG = Logger.getLogger(MakeTimelapseGifs.class.getName());

    @Inject
    TimelapseFrames frames;

    @Override
    protected String write(long instance) throws IOException {
        Map<Long, TimelapseFrame> byItem = new LinkedHashMap<>();
        for (TimelapseFrame f : frames.frames(instance)) {
            byItem.put(f.workItemId, f);
        }
        Map<String, List<TimelapseOutputs.Month>> byAoi = new LinkedHashMap<>();
        for (WorkItem w : ledger.items(instance, null, 0, Integer.MAX_VALUE)) {
            TimelapseFrame f = w.status == ItemStatus.DONE ? byItem.get(w.id) : null;
            byAoi.computeIfAbsent(w.aoiId, k -> new ArrayList<>()).add(f == null
                    ? new TimelapseOutputs.Month(YearMonth.parse(w.sceneId), w.status.name(), null, null, null,
                            w.lastError, null, null)
                    : new TimelapseOutputs.Month(YearMonth.parse(f.month), w.status.name(), f.sceneId, f.acquired,
                            f.clearFraction, null, f.indexPng, f.truecolourPng, f.note));
        }
        AnimatedGif animation = new AnimatedGif();
        int gifs = 0;
        for (var e : byAoi.entrySet()) {
            int n = TimelapseOutputs.writeAoi(results, instance, e.getKey(), e.getValue(), animation);
            gifs += n > 0 ? 1 : 0;
            LOG.info(() -> "execution " + job.getExecutionId() + ": AOI " + e.getKey() + ": " + n + " frame(s) of "
                    + e.getValue().size() + " month(s)");
        }
        int made = gifs;
        LOG.info(() -> "execution " + job.getExecutionId() + ": " + made + " GIF(s) for " + byAoi.size() + " AOI(s)");
        return "GIFS";
    }
}
