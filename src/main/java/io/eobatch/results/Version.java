package io.eobatch.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** eobatch's version, from {@code eobatch-version.properties} (filled in by the build); "unknown" without it. */
final class Version {

    static final String OF_EOBATCH = read();

    private Version() {
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/eobatch-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
