package io.eobatch.batch.timelapse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.results.ResultsStore;

/**
 * The plan of an aoi-timelapse execution started by retry-failed ({@code retryOf}): every month of the source job
 * instance, so that the new instance's GIFs and manifests show the whole period, but only the FAILED months are
 * worked on (PENDING). The others keep their final status and reason; a DONE month keeps its frame, copied with its
 * images into the new instance's results: no provider call, no catalog search for them.
 *
 * <p>Crash safety: in one transaction the images are copied first (each atomically; again, identically, if the step
 * runs again), then the items and frames are stored; a crash before the commit leaves the instance unplanned, and
 * the plan step runs again.
 */
@ApplicationScoped
public class TimelapseCarryOver {

    @PersistenceContext(unitName = "eobatch")
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    TimelapseFrames frames;

    @Inject
    ResultsStore results;

    /** Plans job instance {@code instance} from {@code source}; returns the number of months to work on. */
    @Transactional
    public int plan(long instance, String jobName, long source, int partitions) throws IOException {
        List<WorkItem> sourceItems = ledger.items(source, null, 0, Integer.MAX_VALUE);
        Map<Long, TimelapseFrame> sourceFrames = new HashMap<>();
        for (TimelapseFrame f : frames.frames(source)) {
            sourceFrames.put(f.workItemId, f);
        }
        for (WorkItem w : sourceItems) { // images first: a crash before the commit below leaves nothing planned
            TimelapseFrame f = w.status == ItemStatus.DONE ? sourceFrames.get(w.id) : null;
            if (f != null) {
                copy(source, instance, f.indexPng);
                if (f.truecolourPng != null) {
                    copy(source, instance, f.truecolourPng);
                }
            }
        }
        return store(instance, jobName, source, sourceItems, sourceFrames, partitions);
    }

    private int store(long instance, String jobName, long source, List<WorkItem> sourceItems,
                      Map<Long, TimelapseFrame> sourceFrames, int partitions) {
        Map<Long, WorkItem> copies = ledger.carryOver(source, instance, jobName, partitions);
        int pending = 0;
        for (WorkItem w : sourceItems) {
            if (w.status == ItemStatus.FAILED) {
                pending++;
            }
            TimelapseFrame f = w.status == ItemStatus.DONE ? sourceFrames.get(w.id) : null;
            if (f != null) {
                em.persist(copyOf(f, copies.get(w.id).id, instance));
            }
        }
        return pending;
    }

    private void copy(long source, long instance, String relative) throws IOException {
        Optional<Path> from = results.find(source, relative);
        if (from.isEmpty()) {
            throw new IOException("image " + relative + " of job instance " + source + " is missing: cannot carry "
                    + "its month over");
        }
        results.write(instance, relative, out -> Files.copy(from.get(), out));
    }

    private static TimelapseFrame copyOf(TimelapseFrame f, long workItemId, long instance) {
        TimelapseFrame c = new TimelapseFrame();
        c.workItemId = workItemId;
        c.jobInstanceId = instance;
        c.aoiId = f.aoiId;
        c.month = f.month;
        c.sceneId = f.sceneId;
        c.acquired = f.acquired;
        c.clearFraction = f.clearFraction;
        c.pixelCount = f.pixelCount;
        c.validCount = f.validCount;
        c.candidates = f.candidates;
        c.indexName = f.indexName;
        c.indexPng = f.indexPng;
        c.truecolourPng = f.truecolourPng;
        c.width = f.width;
        c.height = f.height;
        c.note = f.note;
        return c;
    }
}
