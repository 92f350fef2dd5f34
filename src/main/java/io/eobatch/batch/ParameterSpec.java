package io.eobatch.batch;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One job parameter: its name, type, default and meaning, and how a value given over REST is checked and
 * turned into the string that goes into the job's {@link java.util.Properties}.
 *
 * @param name        the parameter name, as in the job XML ({@code #{jobParameters['name']}})
 * @param type        string, date, integer, number, period (ISO-8601), enum or list (comma separated ids)
 * @param defaultValue the value used when none is given; {@code null} when the parameter is required or optional
 * @param required    whether a launch must give it
 * @param description what it means, with its unit
 * @param allowed     for enums, the allowed values
 * @param min         for numbers, the least value (inclusive)
 * @param max         for numbers, the greatest value (inclusive)
 */
public record ParameterSpec(String name, String type, String defaultValue, boolean required, String description,
                            List<String> allowed, Double min, Double max) {

    /**
     * Set by retry-failed: the job instance whose FAILED items are worked on again. Here, not in {@link Jobs}, so that
     * the job definitions in other classes can use it without a class-initialisation cycle with {@link Jobs#ALL}.
     */
    public static final ParameterSpec RETRY_OF = new ParameterSpec("retryOf", "integer", null, false, "set by POST "
            + "/api/executions/{id}/retry-failed: the job instance whose FAILED items this execution works on (no "
            + "catalog search, no call for the others)", null, 1.0, (double) Long.MAX_VALUE);

    /** The longest period a period parameter may hold: dates stepped by it stay far from overflowing. */
    static final java.time.Period MAX_PERIOD = java.time.Period.ofYears(100);
    static final int MAX_PERIOD_DAYS = 36_525;

    public static ParameterSpec date(String name, String description) {
        return new ParameterSpec(name, "date", null, true, description, null, null, null);
    }

    public static ParameterSpec string(String name, String def, String description) {
        return new ParameterSpec(name, "string", def, false, description, null, null, null);
    }

    public static ParameterSpec list(String name, String description) {
        return new ParameterSpec(name, "list", null, false, description, null, null, null);
    }

    public static ParameterSpec choice(String name, String def, List<String> allowed, String description) {
        return new ParameterSpec(name, "enum", def, false, description, allowed, null, null);
    }

    public static ParameterSpec integer(String name, int def, int min, int max, String description) {
        return new ParameterSpec(name, "integer", String.valueOf(def), false, description, null, (double) min,
                (double) max);
    }

    public static ParameterSpec number(String name, double def, double min, double max, String description) {
        return new ParameterSpec(name, "number", strip(def), false, description, null, min, max);
    }

    /** Checks a value given as text and returns its canonical form; throws {@link ParameterException}. */
    public String normalise(String value) {
        String v = value.strip();
        switch (type) {
            case "date" -> {
                try {
                    return LocalDate.parse(v).toString();
                } catch (DateTimeParseException e) {
                    throw new ParameterException(name, "'" + value + "' is not a date (yyyy-MM-dd)");
                }
            }
            case "integer" -> {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new ParameterException(name, "'" + value + "' is not a whole number");
                }
                checkRange(n);
                return String.valueOf(n);
            }
            case "number" -> {
                double d;
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new ParameterException(name, "'" + value + "' is not a number");
                }
                if (!Double.isFinite(d)) {
                    throw new ParameterException(name, "'" + value + "' is not a finite number");
                }
                checkRange(d);
                return strip(d);
            }
            case "period" -> {
                java.time.Period d;
                try {
                    d = java.time.Period.parse(v.toUpperCase(java.util.Locale.ROOT));
                } catch (DateTimeParseException e) {
                    throw new ParameterException(name, "'" + value + "' is not an ISO-8601 period (P1D, P5D, P1M)");
                }
                if (d.isNegative() || d.isZero()) {
                    throw new ParameterException(name, "'" + value + "' must be a positive period");
                }
                if (d.toTotalMonths() > MAX_PERIOD.toTotalMonths() || d.getDays() > MAX_PERIOD_DAYS) {
                    throw new ParameterException(name, "'" + value + "' is longer than " + MAX_PERIOD
                            + " (or " + MAX_PERIOD_DAYS + " days)");
                }
                return d.toString();
            }
            case "enum" -> {
                String lower = v.toLowerCase(java.util.Locale.ROOT);
                if (!allowed.contains(lower)) {
                    throw new ParameterException(name, "'" + value + "' is not one of " + allowed);
                }
                return lower;
            }
            case "list" -> {
                List<String> parts = java.util.Arrays.stream(v.split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList();
                return String.join(",", parts);
            }
            default -> {
                if (v.isEmpty()) {
                    throw new ParameterException(name, "must not be empty");
                }
                return v;
            }
        }
    }

    private void checkRange(double d) {
        if ((min != null && d < min) || (max != null && d > max)) {
            throw new ParameterException(name, d + " is outside " + strip(min) + ".." + strip(max));
        }
    }

    private static String strip(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
