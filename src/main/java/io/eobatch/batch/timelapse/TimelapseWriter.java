package io.eobatch.batch.timelapse;

import java.util.List;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.ledger.Ledger;

/**
 * Stores the frames of DONE months and every item's final status (with the reason for NO_DATA and TOO_CLOUDY) in
 * the chunk's transaction, with the reader's checkpoint. The images are on disk already (written atomically by the
 * processor); a crash before this commit leaves the item IN_FLIGHT, and the restart renders it again.
 */
@Named
@Dependent
public class TimelapseWriter extends AbstractItemWriter {

    @Inject
    Ledger ledger;

    @Inject
    TimelapseFrames frames;

    @Override
    public void writeItems(List<Object> items) {
        for (Object o : items) {
            TimelapseOutcome out = (TimelapseOutcome) o;
            if (out.frame() != null) {
                frames.save(out.frame());
            }
            ledger.complete(out.workItemId(), out.status(), out.reason(), out.cost());
        }
    }
}
