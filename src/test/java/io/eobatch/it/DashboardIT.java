package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser (Debian's headless Chromium through chromedriver, {@link Browser}) against the
 * provisioned server: an operator launches aoi-statistics from the form on the demo catalog and watches it reach
 * 100 % without reloading, with its chart and map; stops and restarts a run from the page; a failed item's reason
 * shown; a viewer sees no action button; keyboard navigation and a narrow window; and after every test, no error in
 * the browser's console. The screenshots of the README are taken here (src/site/dashboard).
 */
class DashboardIT {

    private static final Path SHOTS = Path.of("src/site/dashboard");
    private static Browser browser;
    private static CatalogStub stub;

    @BeforeAll
    static void start() throws Exception {
        Browser.requireChromium();
        Api.awaitReady(Duration.ofMinutes(3));
        DashboardFixtures.uploadDemoAois();
        browser = Browser.start(1280, 800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @BeforeEach
    void wide() {
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
    }

    @AfterEach
    void noConsoleErrors() {
        List<String> errors = browser.consoleErrors();
        assertEquals(List.of(), errors, "errors in the browser console");
    }

    private void logIn(String user) {
        // forget the last login on a page of the same origin that runs no script (the dashboard, still open, would
        // go on calling the API without credentials: 401s in the console)
        browser.driver.get(Api.BASE + "/css/dashboard.css");
        browser.js("sessionStorage.clear()");
        browser.driver.get(Api.BASE + "/");
        browser.await(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        browser.find("#login-user").sendKeys(user);
        browser.find("#login-password").sendKeys(Api.IT_PASSWORD);
        browser.find("#login-submit").click();
        browser.await(Duration.ofSeconds(20)).until(d -> browser.find("#who-name").getText().equals(user));
        // the executions list is the first page after a login
        browser.await(Duration.ofSeconds(30)).until(d -> !browser.all("#executions").isEmpty());
    }

    private void open(String hash) {
        browser.js("location.hash = arguments[0]", hash);
    }

    private void setField(String name, String value) {
        browser.js("const c = document.getElementById('p-' + arguments[0]); c.value = arguments[1];"
                + "c.dispatchEvent(new Event('input', {bubbles: true}));", name, value);
    }

    /** A screenshot of the whole page (up to 1600 px high) at the window's width, for the README. */
    private void shot(String name) throws Exception {
        Dimension before = browser.driver.manage().window().getSize();
        long page = (Long) browser.js("return Math.min(1600, document.documentElement.scrollHeight)");
        long chrome = (Long) browser.js("return window.outerHeight - window.innerHeight");
        browser.driver.manage().window().setSize(new Dimension(before.getWidth(), (int) (page + chrome)));
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot(SHOTS.resolve(name));
        browser.driver.manage().window().setSize(before);
    }

    private double percentShown() {
        Object p = browser.js("const e = document.querySelector('#progress .pct'); return e ? e.dataset.percent : '-1';");
        return Double.parseDouble(String.valueOf(p));
    }

    @Test
    void anOperatorLaunchesFromTheFormAndSeesItFinishLiveWithItsChartAndMap() throws Exception {
        logIn(Api.OPERATOR);
        browser.await(Duration.ofSeconds(20)).until(d -> !browser.all("#executions").isEmpty());
        open("#/launch");
        browser.await(Duration.ofSeconds(20)).until(d -> !browser.all("#launch-form #p-from").isEmpty());
        new Select(browser.find("#job")).selectByValue("aoi-statistics");
        browser.await(Duration.ofSeconds(5)).until(d -> !browser.all("#p-aois option").isEmpty());
        Select aois = new Select(browser.find("#p-aois"));
        aois.selectByValue("forest");
        aois.selectByValue("lake");
        setField("from", "2023-06-01");
        setField("to", "2023-08-31");
        setField("partitions", "2");
        assertFalse(browser.find("#start").isEnabled(), "no start before an estimate");
        browser.find("#estimate").click();
        browser.await(Duration.ofMinutes(2)).until(d -> !browser.all("#estimate-items").isEmpty());
        assertTrue(browser.find("#estimate-items").getText().contains("items"), browser.find("#estimate-items")
                .getText());
        assertTrue(browser.find("#start").isEnabled());
        String shownItems = browser.find("#estimate-items").getText();
        shot("launch.png");
        browser.find("#start").click();
        browser.await(Duration.ofSeconds(30)).until(d -> String.valueOf(browser.js("return location.hash"))
                .matches("#/executions/\\d+"));
        long id = Long.parseLong(String.valueOf(browser.js("return location.hash")).replaceAll("\\D", ""));
        browser.await(Duration.ofSeconds(30)).until(d -> !browser.all("#progress .pct").isEmpty());
        // a mark on the page: it is still there at the end, so nothing reloaded it
        browser.js("window.eobatchNoReload = 'same page'");
        browser.await(Duration.ofMinutes(5)).until(d -> percentShown() == 100.0);
        browser.await(Duration.ofMinutes(2)).until(d -> browser.text(".exec-head .badge")
                .equals("COMPLETED"));
        assertEquals("same page", browser.js("return window.eobatchNoReload"), "the page was reloaded");
        JsonObject e = Api.get("/api/executions/" + id).json();
        assertEquals("COMPLETED", e.getString("status"));
        assertEquals(Api.OPERATOR, e.getJsonArray("actions").getJsonObject(0).getString("user"));
        // the comparison chart inline, and the two AOIs on the map
        browser.await(Duration.ofMinutes(1)).until(d -> Boolean.TRUE.equals(browser.js(
                "const i = document.querySelector('figure.result[data-path=\"charts/aoi-comparison.png\"] img');"
                        + "return !!i && i.complete && i.naturalWidth > 0;")));
        browser.await(Duration.ofSeconds(30)).until(d -> browser.all("#map path.leaflet-interactive").size() == 2);
        browser.await(Duration.ofSeconds(10)).until(d -> String.valueOf(browser.js("return [...document"
                + ".querySelectorAll('#map path.leaflet-interactive')].map(p => p.getAttribute('fill')).join(',')"))
                .equals("#1e8449,#1e8449"));  // both AOIs done: green
        // coloured by the index mean: the forest and the lake differ
        browser.select("#map-colour", "mean", Duration.ofSeconds(10));
        browser.await(Duration.ofSeconds(5)).until(d -> {
            List<WebElement> paths = browser.all("#map path.leaflet-interactive");
            return paths.size() == 2 && !paths.get(0).getAttribute("fill").equals(paths.get(1).getAttribute("fill"));
        });
        browser.click("#map path.leaflet-interactive", Duration.ofSeconds(10));
        browser.await(Duration.ofSeconds(10)).until(d -> !browser.all(".leaflet-popup .popup h3").isEmpty());
        assertTrue(List.of("forest", "lake").contains(browser.find(".leaflet-popup .popup h3").getText()));
        // the estimate shown before Start, kept with the launch, against what the run did
        browser.await(Duration.ofSeconds(30)).until(d -> !browser.all("#launch-estimate-items").isEmpty()
                && browser.find("#launch-estimate-items").getText().equals(shownItems));
        assertTrue(browser.text("#launch-estimate-origin").startsWith("The estimate shown before Start"),
                browser.text("#launch-estimate-origin"));
        assertEquals(shownItems, browser.find("#actual-items").getText(), "as many items as estimated");
        assertEquals(Api.get("/api/executions/" + id).json().getJsonObject("launchEstimate").getJsonNumber("cost")
                .doubleValue(), Double.parseDouble(browser.text("#launch-estimate-cost").replaceAll("[^0-9.]", "")));
        browser.js("document.getElementById('cost').scrollIntoView()");
        browser.screenshot(SHOTS.resolve("launch-estimate.png"));
        // times: the user's zone on the page, UTC on hover
        String title = browser.find(".exec-head time").getAttribute("title");
        assertTrue(title.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z \\(UTC\\)"), title);
        shot("execution.png");
        open("#/");
        browser.await(Duration.ofSeconds(20)).until(d -> !browser.all("#execution-" + id).isEmpty());
        assertTrue(browser.text("#execution-" + id).contains(Api.OPERATOR), "started by");
        assertEquals("100", browser.find("#execution-" + id + " .pct").getAttribute("data-percent")
                .replace(".0", ""));
        shot("executions.png");
    }

    /** The Drava AOIs stored, and the catalog "dravahttp" served healthy by the stub. */
    private static void healedStub() throws Exception {
        Fixtures.uploadDravaAois();
        stub = stub == null ? new CatalogStub(Fixtures.DRAVA, Fixtures.STUB_PORT) : stub;
        stub.heal();
    }

    @Test
    void anOperatorStopsAndRestartsARunFromThePage() throws Exception {
        healedStub();
        stub.delay(400);
        long first;
        try {
            first = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-a\",\"catalog\":\"dravahttp\","
                    + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":1,\"chunkSize\":1}");
            logIn(Api.OPERATOR);
            open("#/executions/" + first);
            browser.click("#action-stop", Duration.ofSeconds(60));
            browser.await(Duration.ofMinutes(3)).until(d -> browser.text(".exec-head .badge")
                    .equals("STOPPED"));
            assertEquals("STOPPED", Api.get("/api/executions/" + first).json().getString("status"));
        } finally {
            stub.delay(0);
        }
        browser.click("#action-restart", Duration.ofSeconds(30));
        browser.await(Duration.ofSeconds(30)).until(d -> !String.valueOf(browser.js("return location.hash"))
                .equals("#/executions/" + first));
        long second = Long.parseLong(String.valueOf(browser.js("return location.hash")).replaceAll("\\D", ""));
        assertNotEquals(first, second);
        browser.await(Duration.ofMinutes(5)).until(d -> browser.text(".exec-head .badge").equals("COMPLETED"));
        JsonObject e = Api.get("/api/executions/" + second).json();
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        assertEquals(100.0, e.getJsonObject("progress").getJsonNumber("percent").doubleValue());
        Fixtures.assertExactlyOnce(second);
        // the restart shows the estimate its job instance was launched with (made right after that launch)
        browser.await(Duration.ofSeconds(30)).until(d -> browser.text("#launch-estimate-origin")
                .contains("execution #" + first + " (this one restarts its job instance)"));
        assertEquals(browser.text("#actual-items"), browser.text("#launch-estimate-items"));
    }

    @Test
    void aFailedItemShowsItsReasonAndAViewerSeesNoActionButton() throws Exception {
        healedStub();
        stub.notFoundPathsContaining("S2B_33TWL_20230813_0_L2A/B08");
        long id;
        try {
            id = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-b\",\"catalog\":\"dravahttp\","
                    + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":2}");
            logIn(Api.OPERATOR);
            open("#/executions/" + id);
            // live: the failure appears as it happens, then the run completes
            browser.await(Duration.ofMinutes(5)).until(d -> !browser.all("#live-failures li").isEmpty()
                    || browser.text(".exec-head .badge").equals("COMPLETED"));
            browser.await(Duration.ofMinutes(5)).until(d -> browser.text(".exec-head .badge")
                    .equals("COMPLETED"));
        } finally {
            stub.heal();
        }
        browser.select("#ledger-status", "FAILED", Duration.ofSeconds(10));
        browser.await(Duration.ofSeconds(20)).until(d -> {
            List<WebElement> rows = browser.all("#ledger tbody tr");
            return rows.size() == 1 && rows.get(0).getAttribute("data-status").equals("FAILED");
        });
        String reason = browser.text("#ledger tbody tr td.reason");
        assertTrue(reason.contains("404"), reason);
        assertTrue(browser.text("#ledger tbody tr").contains("S2B_33TWL_20230813_0_L2A"));
        assertFalse(browser.all("#action-retry-failed").isEmpty(), "an operator may retry the failed item");
        browser.js("document.getElementById('ledger').scrollIntoView()");
        browser.screenshot(SHOTS.resolve("failed-item.png"));

        logIn(Api.VIEWER);
        open("#/executions/" + id);
        browser.await(Duration.ofSeconds(30)).until(d -> !browser.all("#ledger tbody tr").isEmpty());
        assertEquals(0, browser.all("#actions button").size(), "a viewer sees no action button");
        assertFalse(browser.find("nav a[href='#/launch']").isDisplayed(), "nor the launch page");
        open("#/");
        browser.await(Duration.ofSeconds(20)).until(d -> !browser.all("#execution-" + id).isEmpty());
        open("#/aois");
        browser.await(Duration.ofSeconds(20)).until(d -> !browser.all("#aois tbody tr").isEmpty());
        assertTrue(browser.all("#upload-form").isEmpty(), "a viewer cannot upload");
    }

    @Test
    void aTiledCompositeRunShowsItsTilesOnTheMapAndItsMosaic() throws Exception {
        Fixtures.uploadDravaAois();
        long id = Fixtures.start("tiled-composite", "{\"bbox\":\"15.92,45.95,16.05,46.03\",\"catalog\":\"drava\","
                + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"tileSize\":9.6,\"resolution\":30,"
                + "\"partitions\":2}");
        JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        List<String> tiles = new ArrayList<>();
        for (var v : Fixtures.items(id)) {
            assertEquals("DONE", v.asJsonObject().getString("status"), v.toString());
            tiles.add(v.asJsonObject().getString("sceneId")); // a tile's item names the tile
        }
        assertTrue(tiles.size() >= 2, "a grid of tiles: " + tiles);
        logIn(Api.OPERATOR);
        open("#/executions/" + id);
        // every tile on the map, each coloured by its own item: done, green. The paths are read in one script: a live
        // event may redraw the map between two WebDriver calls (a stale element)
        List<List<String>> paths = new ArrayList<>();
        browser.await(Duration.ofSeconds(60)).until(d -> {
            paths.clear();
            @SuppressWarnings("unchecked")
            List<List<String>> now = (List<List<String>>) browser.js("return Array.from(document.querySelectorAll("
                    + "'#map path.leaflet-interactive')).map(p => [p.getAttribute('data-aoi'), "
                    + "p.getAttribute('data-status'), p.getAttribute('fill')]);");
            paths.addAll(now);
            return paths.size() == tiles.size();
        });
        List<String> onMap = new ArrayList<>();
        for (List<String> p : paths) {
            onMap.add(p.get(0));
            assertEquals("done", p.get(1), p.get(0));
            assertEquals("#1e8449", p.get(2), p.get(0));
        }
        assertEquals(new java.util.TreeSet<>(tiles), new java.util.TreeSet<>(onMap), "the tiles of the ledger");
        browser.click("#map path.leaflet-interactive", Duration.ofSeconds(10));
        browser.await(Duration.ofSeconds(10)).until(d -> !browser.all(".leaflet-popup .popup h3").isEmpty());
        String tile = browser.find(".leaflet-popup .popup h3").getText();
        assertTrue(tiles.contains(tile), tile + " in " + tiles);
        assertTrue(browser.text(".leaflet-popup .popup").contains("1\u00a0item"), browser.text(".leaflet-popup .popup"));
        // the mosaic inline among the results
        browser.await(Duration.ofMinutes(1)).until(d -> Boolean.TRUE.equals(browser.js(
                "const i = document.querySelector('figure.result[data-path$=\"mosaic.png\"] img');"
                        + "return !!i && i.complete && i.naturalWidth > 0;")));
        shot("tiled-composite.png");
    }

    @Test
    void aRefusedUploadListsEachRejectedFeatureAndWhy() throws Exception {
        logIn(Api.OPERATOR);
        open("#/aois");
        browser.await(Duration.ofSeconds(20)).until(d -> !browser.all("#upload-form").isEmpty());
        Path file = java.nio.file.Files.createTempFile("eobatch-aois-", ".geojson");
        try {
            java.nio.file.Files.writeString(file, "{\"type\":\"FeatureCollection\",\"features\":["
                    + "{\"type\":\"Feature\",\"id\":\"ok-square\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
                    + "\"coordinates\":[[[15.6,46.4],[15.61,46.4],[15.61,46.41],[15.6,46.41],[15.6,46.4]]]}},"
                    + "{\"type\":\"Feature\",\"id\":\"a-point\",\"properties\":{},\"geometry\":{\"type\":\"Point\","
                    + "\"coordinates\":[15.6,46.4]}}]}");
            browser.find("#aoi-file").sendKeys(file.toString());
            browser.find("#upload").click();
            browser.await(Duration.ofSeconds(30)).until(d -> !browser.all("#upload-result .error").isEmpty());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        String result = browser.find("#upload-result").getText();
        assertTrue(result.contains("features[1]"), result);
        assertTrue(result.contains("nothing stored"), result);
        assertEquals(404, Api.get("/api/aois/ok-square").status(), "all or nothing");
        // the refused request is the one error the console may show: the browser logs every 4xx answer
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.contains("/api/aois") && e.contains("400")), errors.toString());
    }

    @Test
    void theKeyboardReachesEveryControlAndANarrowWindowStaysReadable() throws Exception {
        // the narrow pages below need an execution in the list, whatever ran before this test
        Fixtures.uploadDravaAois();
        long run = Fixtures.start("aoi-statistics", "{\"aois\":[\"drava-a\"],\"catalog\":\"drava\","
                + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":1}");
        Api.awaitTerminal(run, Duration.ofMinutes(5));
        logIn(Api.OPERATOR);
        browser.await(Duration.ofSeconds(20)).until(d -> !browser.all("#executions").isEmpty());
        // Tab from the top of the page to the Launch link, Enter follows it
        // from the skip link (the first control of every page), Tab walks the controls in order to the Launch link
        browser.js("document.querySelector('.skip').focus()");
        List<String> walked = new ArrayList<>();
        boolean reached = false;
        for (int i = 0; i < 10 && !reached; i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            String at = String.valueOf(browser.js("const a = document.activeElement;"
                    + "return a.tagName + ' ' + (a.getAttribute('href') || a.id || a.textContent.trim());"));
            walked.add(at);
            reached = at.equals("A #/launch");
        }
        assertTrue(reached, "Tab reaches the Launch link: " + walked);
        String outline = String.valueOf(browser.js("return getComputedStyle(document.activeElement).outlineStyle"));
        assertNotEquals("none", outline, "the focused link shows its focus");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.await(Duration.ofSeconds(20)).until(d -> !browser.all("#launch-form").isEmpty());

        browser.driver.manage().window().setSize(new Dimension(390, 844));
        open("#/");
        browser.await(Duration.ofSeconds(20)).until(d -> !browser.all("#executions tbody tr").isEmpty());
        long overflow = (Long) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
        assertTrue(overflow <= 1, "the page is " + overflow + " px wider than a narrow window");
        assertTrue(browser.find("#executions tbody tr .bar").isDisplayed(), "progress bars shown");
        String first = browser.find("#executions tbody tr a").getAttribute("href").replaceFirst("^.*#", "#");
        shot("narrow-executions.png");
        open(first);
        browser.await(Duration.ofSeconds(30)).until(d -> !browser.all("#ledger tbody tr").isEmpty());
        overflow = (Long) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
        assertTrue(overflow <= 1, "the execution page is " + overflow + " px wider than a narrow window");
        shot("narrow-execution.png");
    }
}
