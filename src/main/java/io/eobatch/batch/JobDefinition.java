package io.eobatch.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A job that eobatch offers over REST: its id (= the file name in batch-jobs/), what it does, its steps and its
 * parameters.
 */
public record JobDefinition(String id, String description, List<String> steps, List<ParameterSpec> parameters) {

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
