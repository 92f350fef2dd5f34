package io.eobatch.batch.tiles;

import static io.eobatch.batch.tiles.TileProcessor.ExistingOutput.COMPUTE;
import static io.eobatch.batch.tiles.TileProcessor.ExistingOutput.KEEP;
import static io.eobatch.batch.tiles.TileProcessor.ExistingOutput.RECONCILE;
import static io.eobatch.batch.tiles.TileProcessor.ExistingOutput.REFUSE;
import static io.eobatch.batch.tiles.TileProcessor.existingOutput;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** skipExisting / overwrite as in Sentinel Hub Batch, one line per case. */
class TileExistingOutputTest {

    @Test
    void noOutputYetIsComputedWhateverTheFlags() {
        assertEquals(COMPUTE, existingOutput(false, false, false, 0));
        assertEquals(COMPUTE, existingOutput(false, true, false, 3));
        assertEquals(COMPUTE, existingOutput(false, false, true, 0));
    }

    @Test
    void overwriteRecomputesAnExistingOutput() {
        assertEquals(COMPUTE, existingOutput(true, true, false, 0));
        assertEquals(COMPUTE, existingOutput(true, true, false, 2));
    }

    @Test
    void skipExistingKeepsIt() {
        assertEquals(KEEP, existingOutput(true, false, true, 0));
        assertEquals(KEEP, existingOutput(true, false, true, 1));
    }

    @Test
    void withNeitherFlagAnOutputOfAnEarlierAttemptIsReconciledAndAForeignOneRefused() {
        assertEquals(RECONCILE, existingOutput(true, false, false, 1));
        assertEquals(REFUSE, existingOutput(true, false, false, 0));
    }
}
