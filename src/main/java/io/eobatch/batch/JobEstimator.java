package io.eobatch.batch;

import java.util.List;

import jakarta.inject.Inject;

import io.eobatch.aoi.Aoi;
import io.eobatch.aoi.AoiRepository;
import io.eobatch.aoi.AoiSets;
import io.eobatch.provider.Providers;

/**
 * What a job's estimate needs: the AOIs and providers a launch would use. An estimate searches catalogs (counted)
 * and never makes a paid call or reads a COG.
 */
public abstract class JobEstimator {

    @Inject
    protected AoiRepository aois;

    @Inject
    protected Providers providers;

    @Inject
    AoiSets sets;

    /** What a launch with these (checked) parameters would do. */
    public abstract Estimate estimate(JobProperties p);

    /** The AOIs of the {@code aois} and {@code aoiSet} parameters (every stored one when both are blank), by id. */
    protected List<Aoi> selectedAois(JobProperties p) {
        return sets.select(p.get(CommonParameters.AOIS.name()), p.get(CommonParameters.AOI_SET.name()));
    }
}
