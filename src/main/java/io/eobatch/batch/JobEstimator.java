package io.eobatch.batch;

import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;

import io.eobatch.aoi.Aoi;
import io.eobatch.aoi.AoiRepository;
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

    /** What a launch with these (checked) parameters would do. */
    public abstract Estimate estimate(JobProperties p);

    /** The AOIs of the {@code aois} parameter (every stored one when blank), by id. */
    protected List<Aoi> selectedAois(JobProperties p) {
        return aois.select(p.get(CommonParameters.AOIS.name())).stream().sorted(Comparator.comparing(Aoi::id))
                .toList();
    }
}
