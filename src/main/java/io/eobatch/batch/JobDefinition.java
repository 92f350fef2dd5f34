package io.eobatch.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A job that eobatch offers over REST: its id (= the file name in batch-jobs/), what it does, its steps, its
 * parameters, and the step that several nodes share ({@link SharedStep}; null when the job runs on its own node only).
 */
public record JobDefinition(String id, String description, List<String> steps, List<ParameterSpec> parameters,
        SharedStep sharedStep) {

    /**
     * The step of a job that the other nodes join (several nodes, {@link io.eobatch.cluster.Workers}): they run it as
     * the job's worker, {@code batch-jobs/<id>-worker.xml}, whose one step is this one (WorkerJobsTest keeps the two
     * in step). Declared here, not found by a name's prefix, so that a renamed step cannot silently stop sharing.
     *
     * @param id          the step's id in the job XML (and the worker XML's only step)
     * @param writesFiles whether the step writes files that a later step of the main execution reads (frames,
     *                    tiles): a node joins such a step only when it sees the main node's data directory
     *                    ({@link io.eobatch.cluster.SharedDataDir}); aoi-statistics' fetch step writes rows alone
     */
    public record SharedStep(String id, boolean writesFiles) {
    }

    public JobDefinition {
        if (sharedStep != null && !steps.contains(sharedStep.id())) {
            throw new IllegalArgumentException("job " + id + ": shared step " + sharedStep.id() + " is not one of its "
                    + "steps " + steps);
        }
    }

    /** A job (or a body's parameters) without a step shared by several nodes. */
    public JobDefinition(String id, String description, List<String> steps, List<ParameterSpec> parameters) {
        this(id, description, steps, parameters, null);
    }

    public ParameterSpec parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Checks the given parameter values (name to text) and returns the job properties with defaults filled in.
     * Unknown names, missing required ones and bad values throw {@link ParameterException} naming the parameter.
     */
    public Properties toProperties(Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : given.entrySet()) {
            ParameterSpec spec = parameter(e.getKey());
            if (spec == null) {
                throw new ParameterException(e.getKey(), "unknown parameter of job " + id + "; known: "
                        + parameters.stream().map(ParameterSpec::name).toList());
            }
            if (e.getValue() == null) {
                continue;
            }
            out.put(spec.name(), spec.normalise(e.getValue()));
        }
        for (ParameterSpec spec : parameters) {
            if (!out.containsKey(spec.name())) {
                if (spec.required()) {
                    throw new ParameterException(spec.name(), "is required");
                }
                if (spec.defaultValue() != null) {
                    out.put(spec.name(), spec.defaultValue());
                }
            }
        }
        Properties p = new Properties();
        out.forEach(p::setProperty);
        return p;
    }
}
