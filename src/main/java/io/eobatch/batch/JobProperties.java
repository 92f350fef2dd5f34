package io.eobatch.batch;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import jakarta.batch.runtime.context.JobContext;

import io.eobatch.raster.stats.SpectralIndex;

/**
 * A job's parameters as its artifacts read them: the job-level {@code <properties>} of the job XML, where every
 * parameter is declared once with its default ({@code #{jobParameters['x']}?:default;}), resolved by JBeret. The
 * artifacts read them here instead of each declaring its own {@code @BatchProperty} copies.
 */
public final class JobProperties {

    /** JBeret's own bookkeeping in job parameters (restart position and the like): never shown as a parameter. */
    public static final String INTERNAL_PREFIX = "jberet.";
    /** The server's own bookkeeping in job parameters (e.g. {@link JobXmlVersions#PARAMETER}): never shown either. */
    public static final String SERVER_PREFIX = "eobatch.";

    private final Properties p;

    public JobProperties(Properties p) {
        this.p = p;
    }

    /** The job-level properties of the running job. */
    public static JobProperties of(JobContext job) {
        return new JobProperties(job.getProperties());
    }

    /** The parameters a client gave or the server filled in, without JBeret's internal ones, sorted by name. */
    public static Map<String, String> visible(Properties jobParameters) {
        Map<String, String> out = new TreeMap<>();
        if (jobParameters != null) {
            jobParameters.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (!key.startsWith(INTERNAL_PREFIX) && !key.startsWith(SERVER_PREFIX)) {
                    out.put(key, String.valueOf(v));
                }
            });
        }
        return out;
    }

    /** The value, or null when blank or absent. */
    public String get(String name) {
        String v = p.getProperty(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public LocalDate date(String name) {
        return LocalDate.parse(get(name));
    }

    public int integer(String name) {
        return Integer.parseInt(get(name));
    }

    public double number(String name) {
        return Double.parseDouble(get(name));
    }

    /** A number, or null when not given (budget). */
    public Double optionalNumber(String name) {
        String v = get(name);
        return v == null ? null : Double.valueOf(v);
    }

    /** A whole number, or null when not given (retryOf). */
    public Long optionalLong(String name) {
        String v = get(name);
        return v == null ? null : Long.valueOf(v);
    }

    public boolean flag(String name) {
        return "true".equals(get(name));
    }

    /** The {@code index} parameter. */
    public SpectralIndex index() {
        return SpectralIndex.valueOf(get(CommonParameters.INDEX.name()).toUpperCase(Locale.ROOT));
    }

    /** The {@code maxCloudCover} parameter as a scene filter ({@link CommonParameters#cloudLimit}). */
    public Double cloudLimit() {
        return CommonParameters.cloudLimit(get(CommonParameters.MAX_CLOUD_COVER.name()));
    }
}
