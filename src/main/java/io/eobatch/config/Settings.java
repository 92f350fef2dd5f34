package io.eobatch.config;

import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one reader of MicroProfile Config (system properties, environment variables such as
 * {@code EOBATCH_PROVIDER_STAC_URL} for {@code eobatch.provider.stac.url}, {@code microprofile-config.properties}):
 * every other package asks here, so that no other class calls {@link ConfigProvider}.
 */
public final class Settings {

    private Settings() {
    }

    private static Config config() {
        return ConfigProvider.getConfig(Settings.class.getClassLoader());
    }

    /**
     * Config keys to their values (empty when absent), the form the providers' and the throttle's settings are read
     * from (a map stands in for it in tests).
     */
    public static Function<String, Optional<String>> lookup() {
        Config c = config();
        return key -> c.getOptionalValue(key, String.class);
    }

    /** The value of {@code key} converted by MicroProfile Config ({@code Long}, {@code Integer}, ...), or empty. */
    public static <T> Optional<T> value(String key, Class<T> type) {
        return config().getOptionalValue(key, type);
    }

    /** The name of every key the config sources hold. */
    public static Iterable<String> names() {
        return config().getPropertyNames();
    }
}
