package io.eobatch.batch;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.eobatch.batch.statistics.StatisticsJob;
import io.eobatch.batch.tiles.TiledCompositeJob;
import io.eobatch.batch.timelapse.TimelapseJob;

/**
 * The registry of the jobs eobatch offers ({@link EoJob}, one class per job in its own package). REST asks it for a
 * job by id and never names one; a new job is a new package, a job XML and one line in {@link #DEFINITIONS}.
 */
@ApplicationScoped
public class Jobs {

    /** The job classes, in the order the API lists them. */
    public static final List<Class<? extends EoJob>> TYPES = List.of(StatisticsJob.class, TimelapseJob.class,
            TiledCompositeJob.class);

    /** Their definitions, in the same order. */
    public static final List<JobDefinition> DEFINITIONS = List.of(StatisticsJob.DEFINITION, TimelapseJob.DEFINITION,
            TiledCompositeJob.DEFINITION);

    @Inject
    Instance<EoJob> jobs;

    /** Every job, in the order of {@link #DEFINITIONS}. */
    public List<EoJob> all() {
        return DEFINITIONS.stream().map(d -> find(d.id()).orElseThrow()).toList();
    }

    /** The job with this id. */
    public Optional<EoJob> find(String id) {
        return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
    }

    /** The definition with this id, without CDI (tests, documentation). */
    public static Optional<JobDefinition> definition(String id) {
        return DEFINITIONS.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
