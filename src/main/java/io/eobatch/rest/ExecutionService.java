package io.eobatch.rest;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.batch.CommonParameters;
import io.eobatch.batch.EoJob;
import io.eobatch.batch.JobProperties;
import io.eobatch.batch.JobXmlVersions;
import io.eobatch.batch.Jobs;
import io.eobatch.batch.ParameterException;
import io.eobatch.config.EobatchConfig;
import io.eobatch.config.Limits;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.provider.Providers;
import io.eobatch.security.ExecutionActions;
import io.eobatch.security.ExecutionActions.Action;

/**
 * What an operator does with jobs and executions, and its rules, in one place: parameters checked before anything
 * starts (400 naming the parameter), launch, stop, restart (only {@link #RESTART_MAY_CHANGE} may change), retry-failed
 * (the job's {@link io.eobatch.batch.RetryPlan}, only once nothing is left to do, at most once per job instance:
 * {@link RetryClaims}) and abandon, with their 404 and 409
 * answers. The only place that obtains JBeret's {@link JobOperator}. Every action is recorded with the user who did it
 * ({@link ExecutionActions}); who may do which is declared on the resources ({@code @RolesAllowed}).
 */
@ApplicationScoped
public class ExecutionService {

    private static final Logger LOG = Logger.getLogger(ExecutionService.class.getName());

    /** The parameters a restart may change: they do not change the plan (the ledger) or what an item means. */
    static final Set<String> RESTART_MAY_CHANGE = new TreeSet<>(List.of(CommonParameters.BUDGET.name(), "chunkSize",
            CommonParameters.RETRY_LIMIT.name(), CommonParameters.SKIP_LIMIT.name()));

    @Inject
    Jobs jobs;

    @Inject
    EobatchConfig config;

    @Inject
    AoiChecker aois;

    @Inject
    Providers providers;

    @Inject
    Ledger ledger;

    @Inject
    ExecutionActions actions;

    @Inject
    RetryClaims retryClaims;

    @Inject
    io.eobatch.cluster.Nodes nodes;

    @Inject
    io.eobatch.results.ResultsDeletions deletions;

    @Inject
    LaunchEstimates launchEstimates;

    /**
     * The most a launch's parameters may hold, in characters (names and values): JBeret keeps them in a column of
     * 3,000 characters of its job repository (JOB_EXECUTION.JOBPARAMETERS), with its own bookkeeping.
     */
    static final int MAX_PARAMETER_CHARS = 2_500;

    /** JBeret's job operator: obtained here and nowhere else. */
    public JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /** The job with this id, or a 404 problem listing the jobs. */
    public EoJob job(String id) {
        return jobs.find(id).orElseThrow(() -> ProblemException.notFound("no job named '" + id + "'; jobs: "
                + Jobs.DEFINITIONS.stream().map(d -> d.id()).toList()));
    }

    /** The job named by a query parameter or body field {@code field}, or a 400 problem naming it. */
    public EoJob jobParameter(String field, String id) {
        return jobs.find(id).orElseThrow(() -> ProblemException.badRequest(field, "no job named '" + id + "'; jobs: "
                + Jobs.DEFINITIONS.stream().map(d -> d.id()).toList()));
    }

    /** The execution, or a 404 problem. */
    public JobExecution find(long id) {
        try {
            return operator().getJobExecution(id);
        } catch (NoSuchJobExecutionException e) {
            throw ProblemException.notFound("no execution " + id);
        }
    }

    /** The job instance of an execution (404 when there is no such execution). */
    public long instanceId(long executionId) {
        find(executionId);
        return operator().getJobInstance(executionId).getInstanceId();
    }

    /** Whether an execution of status {@code s} runs (STARTING, STARTED or STOPPING): its job may still write. */
    static boolean isRunning(BatchStatus s) {
        return s == BatchStatus.STARTING || s == BatchStatus.STARTED || s == BatchStatus.STOPPING;
    }

    /** The job properties for {@code given}, defaults filled in; 400 problem naming the first bad parameter. */
    public Properties validate(EoJob job, Map<String, String> given) {
        return validate(job, given, true).properties();
    }

    /** Checked job properties, and how many AOIs they name (0 when not looked up or not a job over AOIs). */
    private record Checked(Properties properties, long aoiCount) {
    }

    /**
     * As {@link #validate(EoJob, Map)}; without {@code checkAois} the AOIs and AOI sets are not looked up: a restart
     * or a retry-failed works on a ledger that names its AOIs already (an AOI deleted since fails its own items), so
     * a set or AOI deleted since the plan must not refuse it.
     */
    private Checked validate(EoJob job, Map<String, String> given, boolean checkAois) {
        try {
            Properties p = job.definition().toProperties(given);
            job.checkRelations(p);
            String catalog = p.getProperty(CommonParameters.CATALOG.name());
            if (catalog != null && config.catalogUrl(catalog).isEmpty()) {
                throw new ParameterException("catalog", "no catalog named '" + catalog + "' is configured "
                        + "(set eobatch.catalog." + catalog + ".url); catalogs: " + config.catalogNames());
            }
            String provider = p.getProperty("provider");
            if (provider != null) {
                providers.problem(provider).ifPresent(why -> {
                    throw new ParameterException("provider", "provider " + provider + " cannot be used: " + why);
                });
            }
            long aoiCount = 0;
            if (checkAois && job.definition().parameter(CommonParameters.AOIS.name()) != null) {
                aoiCount = aois.check(p.getProperty(CommonParameters.AOIS.name()),
                        p.getProperty(CommonParameters.AOI_SET.name()));
            } else if (checkAois && p.getProperty(CommonParameters.AOI_SET.name()) != null) {
                // tiled-composite's feature tiles
                aoiCount = aois.check(null, p.getProperty(CommonParameters.AOI_SET.name()));
            }
            checkSize(p);
            String one = p.getProperty("aoi");
            if (checkAois && job.definition().parameter("aoi") != null && one != null && !one.isBlank()) {
                aois.checkOne("aoi", one);
            }
            if (checkAois) { // a restart or retry-failed works on a plan made under the limits of its launch
                job.checkLimits(p, Limits.current(), aoiCount, LocalDate.now(ZoneOffset.UTC));
            }
            return new Checked(p, aoiCount);
        } catch (ParameterException e) {
            throw ProblemException.badRequest(e.parameter(), e.reason());
        }
    }

    /** Parameters that would not fit JBeret's job repository: a 400 before anything is written. */
    private static void checkSize(Properties p) {
        int chars = p.stringPropertyNames().stream().mapToInt(k -> k.length() + p.getProperty(k).length() + 2).sum();
        if (chars <= MAX_PARAMETER_CHARS) {
            return;
        }
        String longest = p.stringPropertyNames().stream()
                .max(java.util.Comparator.comparingInt(k -> p.getProperty(k).length())).orElseThrow();
        String aoisName = CommonParameters.AOIS.name();
        throw new ParameterException(longest, "the parameters hold " + chars + " characters, more than the "
                + MAX_PARAMETER_CHARS + " a job's parameters may hold" + (longest.equals(aoisName)
                ? ": " + p.getProperty(aoisName).split(",").length + " AOI ids are too many to list; upload them "
                + "into a set (POST /api/aois?set=NAME) and give aoiSet=NAME instead" : ""));
    }

    /** The running execution (if any) whose job uses the AOI set {@code name}. */
    public java.util.Optional<Long> runningWithSet(String name) {
        return running(params -> List.of(params.getOrDefault(CommonParameters.AOI_SET.name(), "").split(","))
                .contains(name));
    }

    /**
     * The running execution (if any) whose job uses the AOI {@code id}: names it in {@code aois} or {@code aoi}, names
     * a set that holds it, or works on every stored AOI (neither {@code aois} nor {@code aoiSet}). Deleting the AOI
     * then is a 409: its items would fail for a reason the operator did not mean.
     */
    public java.util.Optional<Long> runningWithAoi(String id, io.eobatch.aoi.AoiSets sets) {
        return running(params -> {
            String ids = params.get(CommonParameters.AOIS.name());
            String setNames = params.get(CommonParameters.AOI_SET.name());
            if (id.equals(params.get("aoi"))) {
                return true;
            }
            if (params.containsKey("aoi") || params.containsKey("bbox")) {
                return false; // a job over one area
            }
            if ((ids == null || ids.isBlank()) && (setNames == null || setNames.isBlank())) {
                return true; // every stored AOI
            }
            if (ids != null && List.of(ids.split(",")).contains(id)) {
                return true;
            }
            return setNames != null && !setNames.isBlank() && sets.memberIds(List.of(setNames.split(","))).contains(id);
        });
    }

    private java.util.Optional<Long> running(java.util.function.Predicate<Map<String, String>> uses) {
        for (String jobName : Jobs.DEFINITIONS.stream().map(d -> d.id()).toList()) {
            List<Long> running;
            try {
                running = operator().getRunningExecutions(jobName);
            } catch (jakarta.batch.operations.NoSuchJobException e) {
                continue;
            }
            for (long id : running) {
                if (uses.test(JobProperties.visible(operator().getParameters(id)))) {
                    return java.util.Optional.of(id);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * What a launch of {@code job} with {@code given} would do; parameters checked as for a launch. Remembered for a
     * launch of the same parameters by the same user that follows ({@link LaunchEstimates}).
     */
    public Object estimate(EoJob job, Map<String, String> given) {
        Properties p = validate(job, given);
        try {
            io.eobatch.batch.Estimate e = job.estimate(p);
            launchEstimates.remember(actions.user(), job, p, e);
            return e;
        } catch (ParameterException e) {
            throw ProblemException.badRequest(e.parameter(), e.reason());
        }
    }

    /** Starts an execution of {@code job}, recording the estimate it is launched with; its id. */
    public long start(EoJob job, Map<String, String> given) {
        Launched l = launch(job, given, true);
        actions.record(Action.LAUNCH, l.id(), null);
        launchEstimates.launched(l.id(), instanceId(l.id()), actions.user(), job, l.checked().properties(),
                l.checked().aoiCount());
        return l.id();
    }

    private record Launched(long id, Checked checked) {
    }

    private Launched launch(EoJob job, Map<String, String> given, boolean checkAois) {
        Checked checked = validate(job, given, checkAois);
        Properties props = new Properties();
        props.putAll(checked.properties());
        props.setProperty(JobXmlVersions.PARAMETER, JobXmlVersions.current(job.id()));
        long id = operator().start(job.id(), props);
        LOG.info(() -> "started " + job.id() + " execution " + id + " with " + props);
        return new Launched(id, checked);
    }

    /** Asks a running execution to stop at its next chunk boundary; 409 when it is not running. */
    public void stop(long id) {
        JobExecution execution = find(id);
        if (io.eobatch.cluster.ClusterSettings.on()) {
            var owner = nodes.owner(id);
            if (owner.isPresent() && !owner.get().equals(nodes.self())) {
                // JobOperator.stop here would not reach the job running on the other node: that node stops it when
                // its heartbeat sees the request (io.eobatch.cluster.Heartbeat)
                BatchStatus status = execution.getBatchStatus();
                if (status != BatchStatus.STARTING && status != BatchStatus.STARTED) {
                    throw ProblemException.conflict("execution " + id + " is not running (" + status + ")");
                }
                nodes.requestStop(id);
                actions.record(Action.STOP, id, null);
                return;
            }
        }
        try {
            operator().stop(id);
        } catch (JobExecutionNotRunningException e) {
            throw ProblemException.conflict("execution " + id + " is not running (" + find(id).getBatchStatus() + ")");
        }
        actions.record(Action.STOP, id, null);
    }

    /**
     * Restarts a FAILED or STOPPED execution as a new execution of the same job instance; the new id. {@code changes}
     * may change {@link #RESTART_MAY_CHANGE}; the others keep their values (a change is a 400: the ledger was
     * planned with them).
     */
    public long restart(long id, Map<String, String> changes) {
        JobExecution old = find(id);
        refuseDeletedResults(id);
        EoJob job = job(old.getJobName());
        Map<String, String> merged = new LinkedHashMap<>(JobProperties.visible(old.getJobParameters()));
        String partitions = CommonParameters.PARTITIONS.name();
        if (changes.containsKey(partitions) && !changes.get(partitions).equals(merged.get(partitions))) {
            throw ProblemException.badRequest(partitions, "cannot change on restart: the ledger is split into "
                    + merged.get(partitions) + " partitions");
        }
        for (var c : changes.entrySet()) {
            if (!RESTART_MAY_CHANGE.contains(c.getKey()) && !c.getValue().equals(merged.get(c.getKey()))) {
                throw ProblemException.badRequest(c.getKey(), "cannot change on restart: the ledger was planned "
                        + "with " + c.getKey() + " = " + merged.get(c.getKey()) + "; only " + RESTART_MAY_CHANGE
                        + " may change (start a new execution for another plan)");
            }
        }
        merged.putAll(changes);
        Properties props = validate(job, merged, false).properties();
        String planned = old.getJobParameters() == null ? null
                : old.getJobParameters().getProperty(JobXmlVersions.PARAMETER);
        if (!JobXmlVersions.restartable(job.id(), planned)) {
            throw ProblemException.conflict("execution " + id + " was planned by another definition of job "
                    + job.id() + " (job XML " + planned + "; this version has " + JobXmlVersions.current(job.id())
                    + " and does not restart executions of that one): start a new execution");
        }
        props.setProperty(JobXmlVersions.PARAMETER, JobXmlVersions.current(job.id()));
        long newId;
        try {
            newId = operator().restart(id, props);
        } catch (JobExecutionAlreadyCompleteException e) {
            throw ProblemException.conflict("execution " + id + " has COMPLETED: there is nothing to restart");
        } catch (JobExecutionNotMostRecentException e) {
            throw ProblemException.conflict("execution " + id + " is not the most recent execution of its job "
                    + "instance: restart the newest one");
        } catch (JobRestartException e) {
            throw ProblemException.conflict("execution " + id + " cannot be restarted (" + old.getBatchStatus()
                    + "): " + e.getMessage());
        }
        LOG.info(() -> "execution " + id + " restarted as " + newId);
        actions.record(Action.RESTART, newId, id);
        return newId;
    }

    /**
     * Starts a new execution of the same job and parameters that works on the FAILED items of this execution's
     * ledger (the job's retry plan); the new id. 409 while it runs, while items are still to do (restart first),
     * when no item FAILED, or when the job instance was retried already (a second or concurrent call: the
     * {@link RetryClaims} key lets one through).
     */
    public long retryFailed(long id) {
        JobExecution old = find(id);
        refuseDeletedResults(id);
        EoJob job = job(old.getJobName());
        BatchStatus s = old.getBatchStatus();
        if (isRunning(s)) {
            throw ProblemException.conflict("execution " + id + " is running: wait for it to end or stop it");
        }
        long instance = instanceId(id);
        var counts = ledger.counts(instance);
        long toDo = counts.get(ItemStatus.PENDING) + counts.get(ItemStatus.IN_FLIGHT);
        if (toDo > 0) {
            throw ProblemException.conflict("execution " + id + " has " + toDo + " item(s) not yet done (stopped, out "
                    + "of budget or failed part-way): restart it first; retry-failed then works on its FAILED items");
        }
        long failed = counts.get(ItemStatus.FAILED);
        if (failed == 0) {
            throw ProblemException.conflict("execution " + id + " has no FAILED item");
        }
        Map<String, String> params = new LinkedHashMap<>(JobProperties.visible(old.getJobParameters()));
        params.put(CommonParameters.RETRY_OF.name(), String.valueOf(instance));
        retryClaims.claim(instance, id, actions.user());
        long newId;
        try {
            newId = launch(job, params, false).id();
        } catch (RuntimeException e) {
            retryClaims.release(instance);
            throw e;
        }
        retryClaims.started(instance, newId);
        launchEstimates.retried(newId, instanceId(newId), id, instance, failed,
                new JobProperties(old.getJobParameters()).optionalNumber(CommonParameters.BUDGET.name()));
        LOG.info(() -> "execution " + id + ": its " + failed + " FAILED item(s) retried by execution " + newId);
        actions.record(Action.RETRY_FAILED, newId, id);
        return newId;
    }

    /** Marks a stopped or failed execution ABANDONED; 409 while it runs. */
    public void abandon(long id) {
        find(id);
        try {
            operator().abandon(id);
        } catch (JobExecutionIsRunningException e) {
            throw ProblemException.conflict("execution " + id + " is running: stop it first");
        }
        actions.record(Action.ABANDON, id, null);
    }

    /** 409 when the results of the execution's job instance were deleted: a restart or retry would miss its outputs. */
    private void refuseDeletedResults(long id) {
        long instance = operator().getJobInstance(id).getInstanceId();
        deletions.find(instance).ifPresent(d -> {
            throw ProblemException.conflict("the results of execution " + id + " were deleted at " + d.at()
                    + ": it cannot be restarted or retried; start a new execution");
        });
    }
}
