package io.eobatch.batch.tiles;

import java.util.List;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.batch.ItemOutcome;
import io.eobatch.ledger.Ledger;

/** Stores the tiles' final statuses in the chunk's transaction, with the reader's checkpoint. */
@Named
@Dependent
public class TileWriter extends AbstractItemWriter {

    @Inject
    Ledger ledger;

    @Override
    public void writeItems(List<Object> items) {
        for (Object o : items) {
            ItemOutcome out = (ItemOutcome) o;
            ledger.complete(out.workItemId(), out.status(), out.error(), out.cost());
        }
    }
}
