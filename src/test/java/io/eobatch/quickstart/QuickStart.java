package io.eobatch.quickstart;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import io.eobatch.it.Api;

/**
 * The quick start's client ({@code mvn -Pdemo verify} runs it after starting the server): loads the demo AOIs,
 * launches aoi-statistics on the embedded demo catalog, shows its progress, prints the summary table and the URLs
 * to look at next. It talks to the server only through the REST API, as a user's script would, as the demo operator
 * (HTTP Basic: system properties {@code eobatch.user}/{@code eobatch.password}, set by the demo profile, which adds the
 * demo operator and the demo viewer to the server).
 */
public final class QuickStart {

    private static final PrintStream OUT = System.out;

    private QuickStart() {
    }

    public static void main(String[] args) {
        String from = args.length > 0 ? args[0] : "2023-01-01";
        String to = args.length > 1 ? args[1] : "2023-12-31";
        OUT.println("eobatch quick start: waiting for the server at " + Api.BASE + " ...");
        Api.awaitReady(Duration.ofMinutes(5));
        OUT.println("demo users (HTTP Basic; the demo profile added them with bin/add-user.sh):");
        OUT.println("  operator: " + Api.DEFAULT_USER + " / " + System.getProperty("eobatch.password")
                + "   (launches, stops, restarts; this quick start runs as this user)");
        OUT.println("  viewer:   " + System.getProperty("eobatch.demo.viewer") + " / "
                + System.getProperty("eobatch.demo.viewer.password") + "   (reads everything)");

        Api.Response demoAois = Api.get("/api/demo/aois", "application/geo+json");
        check(demoAois, 200, "GET /api/demo/aois");
        JsonArray features = demoAois.json().getJsonArray("features");
        List<String> ids = new ArrayList<>();
        for (JsonValue f : features) {
            ids.add(f.asJsonObject().getJsonObject("properties").getString("id"));
        }
        if (Api.get("/api/aois/" + ids.get(0)).status() == 404) {
            check(Api.post("/api/aois", demoAois.body()), 201, "POST /api/aois");
            OUT.println("loaded " + ids.size() + " demo AOIs (synthetic data): " + String.join(", ", ids));
        } else {
            OUT.println("the demo AOIs are loaded already: " + String.join(", ", ids));
        }

        String body = "{\"catalog\":\"demo\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"aois\":["
                + String.join(",", ids.stream().map(i -> "\"" + i + "\"").toList()) + "]}";
        Api.Response started = Api.post("/api/jobs/aoi-statistics/executions", body);
        check(started, 201, "POST /api/jobs/aoi-statistics/executions");
        long id = started.json().getJsonNumber("id").longValue();
        OUT.println("started aoi-statistics execution " + id + " on the demo catalog, " + from + " .. " + to);

        JsonObject e = progress(id);
        OUT.println();
        OUT.println("execution " + id + ": " + e.getString("status") + " (" + e.getString("exitStatus", "") + ")");
        JsonObject p = e.getJsonObject("progress");
        OUT.printf(Locale.ROOT, "items: %d total, %d done, %d no data, %d failed%n", p.getInt("total"),
                p.getInt("done"), p.getInt("noData"), p.getInt("failed"));
        OUT.println();
        JsonArray summary = (JsonArray) Api.get("/api/executions/" + id + "/summary").jsonValue();
        OUT.printf(Locale.ROOT, "%-22s %7s %7s %8s %8s %8s%n", "AOI", "scenes", "valid", "mean", "min", "max");
        for (JsonValue v : summary) {
            JsonObject s = v.asJsonObject();
            OUT.printf(Locale.ROOT, "%-22s %7d %7d %8s %8s %8s%n", s.getString("aoiId"), s.getInt("scenes"),
                    s.getInt("validScenes"), num(s, "mean"), num(s, "min"), num(s, "max"));
        }
        OUT.println("(NDVI; mean, min and max over the valid scenes of each scene's AOI mean; synthetic demo data)");
        OUT.println();
        OUT.println("The dashboard: " + Api.BASE + "/#/executions/" + id + "   (log in as " + Api.DEFAULT_USER + " / "
                + System.getProperty("eobatch.password") + ", or " + System.getProperty("eobatch.demo.viewer") + " / "
                + System.getProperty("eobatch.demo.viewer.password") + " to only watch)");
        OUT.println("Live events: curl -N -u " + Api.DEFAULT_USER + ":" + System.getProperty("eobatch.password") + " "
                + Api.BASE + "/api/events");
        OUT.println();
        OUT.println("Look next at (log in as " + Api.DEFAULT_USER + " or " + System.getProperty("eobatch.demo.viewer")
                + "; curl -u " + Api.DEFAULT_USER + ":" + System.getProperty("eobatch.password") + " ...):");
        OUT.println("  " + Api.BASE + "/api/executions/" + id + "                 the execution: steps, partitions, progress");
        OUT.println("  " + Api.BASE + "/api/executions/" + id + "/statistics?format=csv  every row as CSV");
        OUT.println("  " + Api.BASE + "/api/executions/" + id + "/summary         the per-AOI summary");
        OUT.println("  " + Api.BASE + "/api/executions/" + id + "/items           the work-item ledger");
        OUT.println("  " + Api.BASE + "/api/executions/" + id + "/results         its files: CSV, JSON, charts");
        OUT.println("  " + Api.BASE + "/api/executions/" + id + "/results/charts/aoi-comparison.png  the bar chart");
        OUT.println("  " + Api.BASE + "/api/executions/" + id + "/stac            a STAC catalog of the results");
        OUT.println("  " + Api.BASE + "/api/jobs                          the jobs and their parameters");
        OUT.println("Stop the server with: mvn wildfly:shutdown");
        if (!"COMPLETED".equals(e.getString("status"))) {
            System.exit(1);
        }
    }

    /** Polls the execution, drawing a progress bar, until it ends. */
    private static JsonObject progress(long id) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            JsonObject e = Api.get("/api/executions/" + id).json();
            JsonObject p = e.getJsonObject("progress");
            double pct = p.getJsonNumber("percent").doubleValue();
            int filled = (int) Math.round(pct / 100 * 40);
            String line = String.format(Locale.ROOT, "[%s%s] %5.1f%%  %d/%d items  %s", "#".repeat(filled),
                    " ".repeat(40 - filled), pct, p.getInt("total") - p.getInt("pending") - p.getInt("inFlight"),
                    p.getInt("total"), e.getString("status"));
            if (!line.equals(last)) {
                OUT.print("\r" + line);
                OUT.flush();
                last = line;
            }
            switch (e.getString("status")) {
                case "COMPLETED", "FAILED", "STOPPED", "ABANDONED" -> {
                    return e;
                }
                default -> sleep();
            }
        }
        throw new IllegalStateException("execution " + id + " did not end within 30 minutes");
    }

    private static String num(JsonObject o, String k) {
        return o.isNull(k) ? "-" : String.format(Locale.ROOT, "%.3f", o.getJsonNumber(k).doubleValue());
    }

    private static void check(Api.Response r, int status, String what) {
        if (r.status() != status) {
            throw new IllegalStateException(what + " answered " + r.status() + ": " + r.body());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
