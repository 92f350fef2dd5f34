package io.eobatch.rest;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Logger;

import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import io.eobatch.results.ResultsDeletions;
import io.eobatch.results.ResultsDeletions.Deletion;
import io.eobatch.results.ResultsStore;
import io.eobatch.security.ExecutionActions;

/**
 * Deletes the result files of a job instance (all its executions share them) and records it ({@link ResultsDeletions}):
 * the ledger and the statistics rows stay, so the numbers remain queryable; the results listing, downloads and the
 * archive answer 410 Gone saying when and by whom, and the STAC catalog says {@code eobatch:results_deleted}. Refused
 * (409) while an execution of the instance runs, and a deleted instance cannot be restarted or retried (its outputs
 * are gone: {@link ExecutionService}).
 */
@ApplicationScoped
public class ResultsDeleter {

    private static final Logger LOG = Logger.getLogger(ResultsDeleter.class.getName());

    @Inject
    ExecutionService executions;

    @Inject
    ResultsStore store;

    @Inject
    ResultsDeletions deletions;

    @Inject
    ExecutionActions actions;

    /** Deletes the results of execution {@code id}'s job instance at a user's request; 404, 409 as above. */
    public Deletion deleteOnRequest(long id) {
        executions.find(id); // 404
        JobInstance jobInstance = executions.operator().getJobInstance(id);
        long instance = jobInstance.getInstanceId();
        for (JobExecution e : executions.operator().getJobExecutions(jobInstance)) {
            BatchStatus s = e.getBatchStatus();
            if (ExecutionService.isRunning(s)) {
                throw ProblemException.conflict("execution " + e.getExecutionId() + " of the results' job instance "
                        + instance + " is " + s + ": stop it or wait for it to end before deleting its results");
            }
        }
        return delete(instance, actions.user(), ResultsDeletions.Reason.REQUEST);
    }

    /** Deletes a job instance's results folder and records it; the caller has checked that nothing runs. */
    public Deletion delete(long instance, String by, ResultsDeletions.Reason reason) {
        ResultsStore.Removed removed;
        try {
            removed = store.deleteAll(instance);
        } catch (IOException e) {
            throw new ProblemException(Response.Status.INTERNAL_SERVER_ERROR, "could not delete "
                    + "every result file of job instance " + instance + ": " + e.getMessage(), null);
        }
        Deletion d = new Deletion(instance, Instant.now().truncatedTo(ChronoUnit.MILLIS), by, reason,
                removed.files(), removed.bytes());
        deletions.record(d);
        LOG.info(() -> "results of job instance " + instance + " deleted by " + by + " (" + reason + "): "
                + removed.files() + " file(s), " + removed.bytes() + " bytes");
        return d;
    }

    /** 410 Gone (problem+json) when the instance's results were deleted, saying when, by whom and what. */
    public void refuseDeleted(long id, long instance) {
        deletions.find(instance).ifPresent(d -> {
            throw new ProblemException(Response.Status.GONE, "the results of execution " + id + " (job instance "
                    + instance + ") were deleted at " + d.at() + " by " + d.by() + " (" + d.reason() + ", "
                    + d.files() + " file(s)); its ledger and statistics remain", null);
        });
    }
}
