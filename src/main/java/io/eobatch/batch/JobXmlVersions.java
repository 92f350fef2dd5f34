package io.eobatch.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which definition of a job planned an execution, and whether this version of eobatch may restart it.
 *
 * <p>A restart runs the job XML of the WAR deployed now, not the one the execution started with (JBeret loads it
 * again by name). Most changes are harmless (every step is safe to run again; see README, What is where), but one
 * that changes what a step's checkpoint or partition plan means would make a restart of an older execution do the
 * wrong thing. So every launch records the digest of its job XML as the job parameter {@link #PARAMETER} (hidden
 * from the API like JBeret's own), and a restart is allowed only when that digest is one the current version lists
 * in {@code batch-jobs/restartable.txt} (copied to {@value #LIST}) for the job: the current definition's digest, and
 * the older ones a developer checked this version restarts correctly. Anything else is refused with a 409 that says
 * why. A unit test (JobXmlVersionsTest) fails when a job XML changes and its new digest is not listed, which is
 * when the developer decides whether the previous digest stays listed.
 *
 * <p>The digest is over the job XML without its comments, XML declaration and layout (whitespace between and
 * inside tags), so editing a comment or re-indenting changes nothing; the first 16 hex digits of its SHA-256.
 * Executions launched before digests were recorded have none: they are restarted as before.
 */
public final class JobXmlVersions {

    /** The job parameter that holds the digest of the job XML an execution was launched or restarted with. */
    public static final String PARAMETER = JobProperties.SERVER_PREFIX + "jobXml";
    /** Class-path resource listing, one {@code job-id digest} a line, the definitions this version restarts. */
    public static final String LIST = "META-INF/batch-jobs/restartable.txt";

    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern DECLARATION = Pattern.compile("<\\?xml.*?\\?>", Pattern.DOTALL);
    private static final Pattern BETWEEN_TAGS = Pattern.compile(">\\s+<");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private JobXmlVersions() {
    }

    /** The digest of a job XML text: comments, XML declaration and layout ignored. */
    public static String digest(String xml) {
        String text = DECLARATION.matcher(COMMENT.matcher(xml).replaceAll("")).replaceAll("");
        text = SPACE.matcher(BETWEEN_TAGS.matcher(text.strip()).replaceAll("><")).replaceAll(" ");
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The digest of job {@code jobId}'s XML as deployed ({@code META-INF/batch-jobs/<jobId>.xml}). */
    public static String current(String jobId) {
        return digest(read("META-INF/batch-jobs/" + jobId + ".xml"));
    }

    /**
     * Whether this version may restart an execution of {@code jobId} launched with the job XML of digest
     * {@code recorded} (null: launched before digests were recorded, restarted as before).
     */
    public static boolean restartable(String jobId, String recorded) {
        return recorded == null || listed(jobId, read(LIST)).contains(recorded);
    }

    /** The digests {@code list} (the text of {@value #LIST}) gives for {@code jobId}. */
    static Set<String> listed(String jobId, String list) {
        Set<String> out = new HashSet<>();
        for (String line : list.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && !f[0].startsWith("#") && f[0].equals(jobId)) {
                out.add(f[1]);
            }
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = JobXmlVersions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
