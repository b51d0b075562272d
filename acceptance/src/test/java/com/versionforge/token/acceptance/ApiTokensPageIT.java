package com.versionforge.token.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.util.TestSocketUtils;

/**
 * Settings › API Tokens in a real browser, as an admin uses it after {@code ./run.sh}: sign in with the bootstrap
 * token, create a token, copy its secret from the dialog, revoke it, rotate tokens, and a read-only token that sees no
 * controls. Rotation happens in a tenant of its own, so that the tokens it adds do not change the counted pages.
 * Runs Debian's Chromium and chromedriver; without them it is skipped, never failed. Secrets stay out of every message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTokensPageIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("vf.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("vf.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = RunScript.ROOT.resolve("acceptance/target/screenshots");
    private static final Pattern SECRET_FORMAT = Pattern.compile("vf_tok_[0-9A-Za-z]{40,}");
    private static final boolean BROWSER_INSTALLED = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    private static final String NO_BROWSER = "ApiTokensPageIT skipped: the browser test needs the system Chromium ("
            + CHROMIUM + ") and chromedriver (" + CHROMEDRIVER + "); install Debian's chromium and chromium-driver";
    private static final Duration UI_WAIT = Duration.ofSeconds(15);
    private static final String TENANT = "acme";
    private static final String CREATED_NAME = "Snowflake loader";
    // The bootstrap admin and the ten tokens the test class creates before any browser opens.
    private static final int SEEDED_TOKENS = 11;
    private static final int PAGE_SIZE = 10;
    private static final String ROTATION_TENANT = "globex";
    private static final String KEPT_FOR_A_GRACE = "Deploy bot";
    private static final String ENDED_AT_ONCE = "Metrics scraper";
    private static final String ROTATED_ELSEWHERE = "Backup agent";
    private static final String SIGNED_IN_ADMIN = "Release manager";
    // The grace period the rotation test chooses ("PT1H" in the dialog).
    private static final Duration GRACE = Duration.ofHours(1);
    // How the page writes the time of day of an instant, after its date.
    private static final DateTimeFormatter MINUTE_UTC =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @TempDir
    static Path dataDir;

    @TempDir
    static Path browserProfiles;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RunScript service;
    private String commandSide;
    private String querySide;
    private String admin;
    private String reader;
    private String throttled;
    private String rotationAdmin;
    private HttpResponse<String> keptForAGrace;
    private HttpResponse<String> endedAtOnce;
    private String rotatedElsewhere;
    private HttpResponse<String> signedInAdmin;
    private WebDriver browser;

    @BeforeAll
    void startTheServiceWithTokensInEveryState() throws Exception {
        if (!BROWSER_INSTALLED) {
            System.err.println(NO_BROWSER);
            return;
        }
        // Ports of its own, so that the test neither meets nor blocks a service already running on the defaults.
        int commandPort = TestSocketUtils.findAvailableTcpPort();
        int queryPort = TestSocketUtils.findAvailableTcpPort();
        int databasePort = TestSocketUtils.findAvailableTcpPort();
        service = RunScript.start(
                dataDir,
                Map.of(
                        "VF_COMMAND_PORT", Integer.toString(commandPort),
                        "VF_QUERY_PORT", Integer.toString(queryPort),
                        "VF_DB_PORT", Integer.toString(databasePort)));
        commandSide = "http://localhost:" + commandPort;
        querySide = "http://localhost:" + queryPort;
        admin = service.bootstrap(TENANT);

        reader = secretOf(create("Release dashboard", "read-only", "\"expiresIn\": \"30d\""));
        String pipeline = secretOf(create("CI/CD Pipeline - Production", "sync-trigger", "\"expiresIn\": \"90d\""));
        create("Datadog Monitor", "read-only", "\"expiresIn\": \"1y\"");
        LocalDate inNineDays = LocalDate.now(ZoneOffset.UTC).plusDays(9);
        create("Airflow orchestrator", "sync-trigger", "\"expiresAt\": \"" + inNineDays + "\"");
        create("Tableau extract refresh", "read-only", "\"expiresIn\": \"90d\"");
        create("NetSuite nightly sync", "sync-trigger", "\"expiresIn\": \"90d\"");
        create("Stripe payouts webhook", "sync-trigger", "\"expiresIn\": \"1y\"");
        create("Looker usage export", "read-only", "\"expiresIn\": \"30d\"");
        throttled = secretOf(create("Grafana probe", "read-only", "\"expiresIn\": \"30d\""));
        String retired = idOf(create("Old Jenkins job", "sync-trigger", "\"expiresIn\": \"30d\""));
        assertThat(revoke(retired).statusCode()).isEqualTo(200);
        assertThat(check(pipeline).statusCode()).isEqualTo(200);

        rotationAdmin = service.bootstrap(ROTATION_TENANT);
        keptForAGrace = create(rotationAdmin, KEPT_FOR_A_GRACE, "sync-trigger", "\"expiresIn\": \"90d\"");
        endedAtOnce = create(rotationAdmin, ENDED_AT_ONCE, "read-only", "\"expiresIn\": \"30d\"");
        rotatedElsewhere = idOf(create(rotationAdmin, ROTATED_ELSEWHERE, "sync-trigger", "\"expiresIn\": \"30d\""));
        signedInAdmin = create(rotationAdmin, SIGNED_IN_ADMIN, "admin", "\"expiresIn\": \"30d\"");

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> dashboardSize(reader) >= SEEDED_TOKENS && dashboardSize(rotationAdmin) >= 5);
    }

    @BeforeEach
    void openABrowser() throws Exception {
        assumeTrue(BROWSER_INSTALLED, NO_BROWSER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1366,900",
                "--user-data-dir=" + Files.createTempDirectory(browserProfiles, "profile"));
        // A driver named in the service skips Selenium Manager, which would otherwise look for (and fetch) its own.
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        browser = new ChromeDriver(driverService, options);
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterAll
    void stopTheService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void adminCreatesCopiesAndRevokesATokenWithoutAReload() throws Exception {
        signIn(admin);
        assertThat(text("session-scope")).isEqualTo("admin");
        assertThat(row("Airflow orchestrator").findElements(By.cssSelector("[data-badge=expiring-soon]")))
                .as("a token expiring within 14 days carries the warning badge")
                .hasSize(1);
        assertThat(row("Old Jenkins job").getDomAttribute("data-status")).isEqualTo("revoked");

        browser.findElement(By.id("create-open")).click();
        awaitOpen("create-dialog");
        browser.findElement(By.id("create-name")).sendKeys(CREATED_NAME);
        new Select(browser.findElement(By.id("create-scope"))).selectByValue("sync-trigger");
        browser.findElement(By.id("create-expiry-30d")).click();
        browser.findElement(By.id("create-submit")).click();
        awaitOpen("secret-dialog");
        String secret = browser.findElement(By.id("secret-value")).getDomProperty("value");

        assertThat(SECRET_FORMAT.matcher(secret).matches())
                .as("the dialog shows a whole token")
                .isTrue();
        HttpResponse<String> check = check(secret, "?scope=sync-trigger");
        assertThat(check.statusCode())
                .as("the copied token passes the auth check")
                .isEqualTo(200);
        assertThat(check.headers().firstValue("X-VF-Token-Scope")).hasValue("sync-trigger");

        browser.findElement(By.id("secret-done")).click();
        awaitClosed("secret-dialog");
        assertThat(browser.findElement(By.id("secret-value")).getDomProperty("value"))
                .as("the secret field after closing")
                .isEmpty();
        assertThat(browser.getPageSource().contains(secret))
                .as("the page still holds the secret")
                .isFalse();
        assertThat(script("return sessionStorage.length + localStorage.length + document.cookie.length"))
                .as("storage and cookies the page wrote")
                .isEqualTo(0L);
        assertThat(activeElementId()).as("focus after closing").isEqualTo("create-open");

        WebElement created = row(CREATED_NAME);
        String createdId = created.getDomAttribute("data-token-id");
        assertThat(created.getDomAttribute("data-status")).isEqualTo("active");
        assertThat(created.findElement(By.cssSelector(".cell-scope")).getText()).isEqualTo("sync-trigger");
        assertThat(created.findElement(By.cssSelector(".cell-created")).getText())
                .contains("by you");

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> dashboardHas(reader, createdId));
        browser.findElement(By.id("refresh")).click();
        awaitText("status", "Page 1");
        assertThat(row(CREATED_NAME).getDomAttribute("data-token-id")).isEqualTo(createdId);

        script("window.vfSamePage = true");
        row(CREATED_NAME).findElement(By.cssSelector("[data-action=revoke]")).click();
        awaitOpen("revoke-dialog");
        assertThat(text("revoke-name")).isEqualTo(CREATED_NAME);
        assertThat(activeElementId()).as("focus in the confirmation").isEqualTo("revoke-cancel");
        browser.findElement(By.id("revoke-submit")).click();
        awaitClosed("revoke-dialog");

        new WebDriverWait(browser, UI_WAIT)
                .until(driver -> "revoked".equals(row(CREATED_NAME).getDomAttribute("data-status")));
        WebElement revoked = row(CREATED_NAME);
        assertThat(revoked.findElement(By.cssSelector(".status")).getText()).isEqualTo("Revoked");
        assertThat(revoked.findElements(By.cssSelector("[data-action=revoke]"))).isEmpty();
        assertThat(script("return window.vfSamePage === true"))
                .as("the page was not reloaded")
                .isEqualTo(true);
        awaitText("status", "revoked");
        HttpResponse<String> refused = check(secret, "");
        assertThat(refused.statusCode())
                .as("the revoked token at the auth check")
                .isEqualTo(401);
        assertThat(JsonPath.<String>read(refused.body(), "$.code")).isEqualTo("token-revoked");

        saveScreenshot("api-tokens.png");
    }

    @Test
    void readOnlyTokenSeesTheTokensButNoControls() {
        signIn(reader);

        assertThat(text("session-scope")).isEqualTo("read-only");
        assertThat(rows()).hasSizeGreaterThanOrEqualTo(PAGE_SIZE);
        assertThat(browser.findElement(By.id("create-open")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("[data-action]"))).isEmpty();
        assertThat(browser.findElement(By.id("actions-header")).isDisplayed()).isFalse();
        assertThat(text("read-only-notice")).contains("needs an admin token");
    }

    @Test
    void explainsARefusedSignInInPlainWords() {
        browser.get(querySide + "/");
        awaitVisible("sign-in-token");

        browser.findElement(By.id("sign-in-token")).sendKeys("not-a-token", Keys.ENTER);
        awaitText("sign-in-error", "starts with vf_tok_");

        WebElement field = browser.findElement(By.id("sign-in-token"));
        field.clear();
        field.sendKeys("vf_tok_0000000000000000000000000000000000000000000000", Keys.ENTER);
        awaitText("sign-in-error", "not recognised");
        assertThat(field.getDomAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void readerFiltersSearchesSortsAndPagesTheTokens() throws Exception {
        int total = dashboardSize(reader);
        signIn(reader);

        new Select(browser.findElement(By.id("filter-status"))).selectByValue("revoked");
        awaitLoaded();
        assertThat(rows())
                .allSatisfy(
                        row -> assertThat(row.getDomAttribute("data-status")).isEqualTo("revoked"));
        assertThat(names()).contains("Old Jenkins job");

        new Select(browser.findElement(By.id("filter-status"))).selectByValue("");
        browser.findElement(By.id("filter-q")).sendKeys("datadog", Keys.ENTER);
        awaitLoaded();
        assertThat(names()).containsExactly("Datadog Monitor");

        browser.findElement(By.id("filter-q")).clear();
        browser.findElement(By.id("filter-q")).sendKeys(Keys.ENTER);
        new Select(browser.findElement(By.id("filter-limit"))).selectByValue(Integer.toString(PAGE_SIZE));
        browser.findElement(By.cssSelector("th[data-sort=name] button")).click();
        awaitLoaded();
        List<String> firstPage = names();
        assertThat(firstPage).hasSize(PAGE_SIZE).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(browser.findElement(By.cssSelector("th[data-sort=name]")).getDomAttribute("aria-sort"))
                .isEqualTo("ascending");

        browser.findElement(By.id("page-next")).click();
        awaitLoaded();
        List<String> secondPage = names();
        assertThat(secondPage).hasSize(total - PAGE_SIZE).doesNotContainAnyElementsOf(firstPage);
        assertThat(String.CASE_INSENSITIVE_ORDER.compare(firstPage.get(PAGE_SIZE - 1), secondPage.get(0)))
                .as("the second page goes on where the first ended")
                .isNegative();
        assertThat(browser.findElement(By.id("page-next")).isEnabled()).isFalse();

        browser.findElement(By.id("page-previous")).click();
        awaitLoaded();
        assertThat(names()).isEqualTo(firstPage);
    }

    @Test
    void saysWhenARateLimitedTokenMayTryAgain() throws Exception {
        // Windows are aligned to the minute: exhaust one that is not about to end, so the refusal is still current.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 45);
        int refusedAt = 0;
        for (int request = 1; request <= 200 && refusedAt == 0; request++) {
            if (check(throttled).statusCode() == 429) {
                refusedAt = request;
            }
        }
        assertThat(refusedAt).as("requests until the read-only limit refuses").isBetween(1, 121);

        browser.get(querySide + "/");
        awaitVisible("sign-in-token");
        browser.findElement(By.id("sign-in-token")).sendKeys(throttled, Keys.ENTER);

        awaitText("sign-in-error", "too many requests");
        assertThat(text("sign-in-error")).containsPattern("Try again in \\d+ seconds?, at \\d\\d:\\d\\d:\\d\\d UTC");
    }

    @Test
    void createDialogClosesOnEscapeAndGivesFocusBack() {
        signIn(admin);
        WebElement open = browser.findElement(By.id("create-open"));

        open.sendKeys(Keys.ENTER);
        awaitOpen("create-dialog");
        assertThat(activeElementId()).isEqualTo("create-name");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);

        awaitClosed("create-dialog");
        assertThat(activeElementId()).isEqualTo("create-open");
    }

    @Test
    void adminRotatesATokenThatKeepsWorkingThroughItsGracePeriod() throws Exception {
        String oldId = idOf(keptForAGrace);
        signIn(rotationAdmin);
        script("window.vfSamePage = true");

        rowOf(oldId).findElement(By.cssSelector("[data-action=rotate]")).click();
        awaitOpen("rotate-dialog");
        assertThat(text("rotate-name")).isEqualTo(KEPT_FOR_A_GRACE);
        assertThat(activeElementId()).as("focus in the confirmation").isEqualTo("rotate-cancel");
        new Select(browser.findElement(By.id("rotate-grace"))).selectByValue("PT1H");
        browser.findElement(By.id("rotate-expiry-30d")).click();
        browser.findElement(By.id("rotate-submit")).click();
        awaitOpen("secret-dialog");
        String secret = browser.findElement(By.id("secret-value")).getDomProperty("value");

        assertThat(SECRET_FORMAT.matcher(secret).matches())
                .as("the dialog shows a whole token")
                .isTrue();
        assertThat(text("secret-predecessor")).contains("old token keeps working until");
        String newId = successorRow(KEPT_FOR_A_GRACE, oldId).getDomAttribute("data-token-id");
        HttpResponse<String> check = check(secret, "?scope=sync-trigger");
        assertThat(check.statusCode()).as("the new token at the auth check").isEqualTo(200);
        assertThat(check.headers().firstValue("X-VF-Token-Id")).hasValue(newId);
        assertThat(check(secretOf(keptForAGrace)).statusCode())
                .as("the old token within its grace period")
                .isEqualTo(200);

        browser.findElement(By.id("secret-done")).click();
        awaitClosed("secret-dialog");
        assertThat(browser.getPageSource().contains(secret))
                .as("the page still holds the secret")
                .isFalse();
        assertThat(script("return document.activeElement.closest('tr')?.dataset.tokenId"))
                .as("focus after closing: the new token's row")
                .isEqualTo(newId);
        WebElement old = rowOf(oldId);
        assertThat(old.getDomAttribute("data-status")).isEqualTo("active");
        assertThat(old.getDomAttribute("data-rotated-to")).isEqualTo(newId);
        assertThat(old.findElement(By.cssSelector(".status")).getText()).isEqualTo("Rotated");
        assertThat(old.findElement(By.cssSelector(".status-detail")).getText()).startsWith("works until");
        assertThat(old.findElements(By.cssSelector("[data-action=rotate]"))).isEmpty();
        assertThat(old.findElements(By.cssSelector("[data-action=revoke]"))).hasSize(1);
        WebElement successor = rowOf(newId);
        assertThat(successor.getDomAttribute("data-status")).isEqualTo("active");
        assertThat(successor.findElement(By.cssSelector(".cell-scope")).getText())
                .isEqualTo("sync-trigger");
        assertThat(successor.findElement(By.cssSelector(".status-detail")).getText())
                .isEqualTo("replaces vf_tok_…" + JsonPath.read(keptForAGrace.body(), "$.tokenHint"));
        assertThat(script("return window.vfSamePage === true"))
                .as("the page was not reloaded")
                .isEqualTo(true);
        awaitText("status", "rotated");
        saveScreenshot("api-tokens-rotated.png");

        // What the dashboard says after a refresh: the old token is still marked rotated, next to its successor, and
        // works until the grace end the dashboard keeps (set with rotatedTo, in one write).
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> dashboardHas(rotationAdmin, newId) && rotatedTo(rotationAdmin, oldId) != null);
        Instant graceEndsAt = Instant.parse(dashboardField(rotationAdmin, oldId, "graceEndsAt"));
        assertThat(graceEndsAt)
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(50)),
                        Instant.now().plus(GRACE));
        browser.findElement(By.id("refresh")).click();
        awaitText("status", "Page 1");
        assertThat(rowOf(oldId).findElement(By.cssSelector(".status")).getText())
                .isEqualTo("Rotated");
        assertThat(rowOf(oldId).findElement(By.cssSelector(".status-detail")).getText())
                .startsWith("works until ")
                .endsWith(MINUTE_UTC.format(graceEndsAt) + " UTC");
        assertThat(rowOf(oldId).getDomAttribute("data-rotated-to")).isEqualTo(newId);
        assertThat(rowOf(newId).getDomAttribute("data-status")).isEqualTo("active");
    }

    @Test
    void adminRotatesATokenWhoseOldSecretStopsAtOnce() throws Exception {
        String oldId = idOf(endedAtOnce);
        signIn(rotationAdmin);
        script("window.vfSamePage = true");

        rowOf(oldId).findElement(By.cssSelector("[data-action=rotate]")).click();
        awaitOpen("rotate-dialog");
        new Select(browser.findElement(By.id("rotate-grace"))).selectByValue("now");
        browser.findElement(By.id("rotate-submit")).click();
        awaitOpen("secret-dialog");
        String secret = browser.findElement(By.id("secret-value")).getDomProperty("value");

        assertThat(text("secret-predecessor")).contains("old token has been revoked");
        HttpResponse<String> check = check(secret, "?scope=read-only");
        assertThat(check.statusCode()).as("the new token at the auth check").isEqualTo(200);
        assertThat(check.headers().firstValue("X-VF-Token-Scope")).hasValue("read-only");
        HttpResponse<String> refused = check(secretOf(endedAtOnce));
        assertThat(refused.statusCode())
                .as("the old token without a grace period")
                .isEqualTo(401);
        assertThat(JsonPath.<String>read(refused.body(), "$.code")).isEqualTo("token-revoked");

        browser.findElement(By.id("secret-done")).click();
        awaitClosed("secret-dialog");
        WebElement old = rowOf(oldId);
        assertThat(old.getDomAttribute("data-status")).isEqualTo("revoked");
        assertThat(old.findElement(By.cssSelector(".status")).getText()).isEqualTo("Revoked");
        assertThat(old.findElements(By.cssSelector("[data-action]"))).isEmpty();
        WebElement successor = successorRow(ENDED_AT_ONCE, oldId);
        assertThat(successor.getDomAttribute("data-status")).isEqualTo("active");
        assertThat(successor.findElement(By.cssSelector(".cell-scope")).getText())
                .isEqualTo("read-only");
        assertThat(script("return window.vfSamePage === true"))
                .as("the page was not reloaded")
                .isEqualTo(true);
    }

    @Test
    void adminRotatesTheTokenSignedInWithAndGoesOnWithTheNewOne() throws Exception {
        String oldId = idOf(signedInAdmin);
        signIn(secretOf(signedInAdmin));

        rowOf(oldId).findElement(By.cssSelector("[data-action=rotate]")).click();
        awaitOpen("rotate-dialog");
        assertThat(browser.findElement(By.id("rotate-self")).isDisplayed())
                .as("the warning that this is the signed-in token")
                .isTrue();
        new Select(browser.findElement(By.id("rotate-grace"))).selectByValue("now");
        browser.findElement(By.id("rotate-submit")).click();
        awaitOpen("secret-dialog");
        String secret = browser.findElement(By.id("secret-value")).getDomProperty("value");
        browser.findElement(By.id("secret-done")).click();
        awaitClosed("secret-dialog");

        assertThat(check(secret, "?scope=admin").statusCode())
                .as("the new token")
                .isEqualTo(200);
        assertThat(check(secretOf(signedInAdmin)).statusCode())
                .as("the old token")
                .isEqualTo(401);
        String newId = successorRow(SIGNED_IN_ADMIN, oldId).getDomAttribute("data-token-id");
        assertThat(rowOf(newId).findElement(By.cssSelector(".this-session")).isDisplayed())
                .as("the new token marked as this session's")
                .isTrue();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> dashboardHas(rotationAdmin, newId));
        browser.findElement(By.id("refresh")).click();
        awaitText("status", "Page 1");
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed())
                .as("asked to sign in again")
                .isFalse();
        assertThat(rowOf(newId).findElement(By.cssSelector(".this-session")).isDisplayed())
                .isTrue();
    }

    @Test
    void rotateDialogClosesOnEscapeAndExplainsATokenRotatedMeanwhile() throws Exception {
        signIn(rotationAdmin);
        WebElement rotate = rowOf(rotatedElsewhere).findElement(By.cssSelector("[data-action=rotate]"));

        rotate.sendKeys(Keys.ENTER);
        awaitOpen("rotate-dialog");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        awaitClosed("rotate-dialog");
        assertThat(script("return document.activeElement.dataset.action")).isEqualTo("rotate");
        assertThat(script("return document.activeElement.closest('tr').dataset.tokenId"))
                .isEqualTo(rotatedElsewhere);

        HttpResponse<String> elsewhere =
                send(HttpRequest.newBuilder(URI.create(commandSide + "/api/v1/tokens/" + rotatedElsewhere + "/rotate"))
                        .header("Authorization", "Bearer " + rotationAdmin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"expiresIn\": \"30d\"}")));
        assertThat(elsewhere.statusCode()).as("rotation behind the page's back").isEqualTo(201);
        rotate.sendKeys(Keys.ENTER);
        awaitOpen("rotate-dialog");
        browser.findElement(By.id("rotate-submit")).click();

        awaitClosed("rotate-dialog");
        awaitText("alert", "already been rotated");
        assertThat(browser.findElement(By.id("secret-dialog")).getDomProperty("open"))
                .isEqualTo("false");
    }

    // --- The browser ---------------------------------------------------------------------------------------------

    private void signIn(String secret) {
        browser.get(querySide + "/");
        awaitVisible("sign-in-token");
        browser.findElement(By.id("sign-in-token")).sendKeys(secret);
        browser.findElement(By.id("sign-in-submit")).click();
        awaitVisible("tokens");
        new WebDriverWait(browser, UI_WAIT)
                .until(driver ->
                        !driver.findElements(By.cssSelector("#tokens-body tr")).isEmpty());
    }

    private WebElement row(String name) {
        By byName = By.xpath("//tbody[@id='tokens-body']/tr[.//span[@class='token-name' and text()='" + name + "']]");
        return new WebDriverWait(browser, UI_WAIT)
                .withMessage("a row named " + name)
                .until(driver ->
                        driver.findElements(byName).stream().findFirst().orElse(null));
    }

    private WebElement rowOf(String tokenId) {
        By byId = By.cssSelector("#tokens-body tr[data-token-id='" + tokenId + "']");
        return new WebDriverWait(browser, UI_WAIT)
                .withMessage("the row of token " + tokenId)
                .until(driver -> driver.findElements(byId).stream().findFirst().orElse(null));
    }

    /** The other row of that name: the successor of a rotated token. */
    private WebElement successorRow(String name, String predecessorId) {
        By byName = By.xpath("//tbody[@id='tokens-body']/tr[.//span[@class='token-name' and text()='" + name
                + "'] and @data-token-id!='" + predecessorId + "']");
        return new WebDriverWait(browser, UI_WAIT)
                .withMessage("the successor named " + name)
                .until(driver ->
                        driver.findElements(byName).stream().findFirst().orElse(null));
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#tokens-body tr"));
    }

    private List<String> names() {
        return browser.findElements(By.cssSelector("#tokens-body .token-name")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** Waits until the table has its answer: the page marks it busy from the action's click until the answer. */
    private void awaitLoaded() {
        new WebDriverWait(browser, UI_WAIT)
                .withMessage("the table to load")
                .until(driver -> driver.findElement(By.id("tokens-table")).getDomAttribute("aria-busy") == null);
    }

    private void awaitVisible(String id) {
        new WebDriverWait(browser, UI_WAIT)
                .withMessage(id + " visible")
                .until(driver -> driver.findElement(By.id(id)).isDisplayed());
    }

    private void awaitOpen(String dialogId) {
        new WebDriverWait(browser, UI_WAIT)
                .withMessage(dialogId + " open")
                .until(driver -> driver.findElement(By.id(dialogId))
                        .getDomProperty("open")
                        .equals("true"));
    }

    private void awaitClosed(String dialogId) {
        new WebDriverWait(browser, UI_WAIT)
                .withMessage(dialogId + " closed")
                .until(driver -> driver.findElement(By.id(dialogId))
                        .getDomProperty("open")
                        .equals("false"));
    }

    private void awaitText(String id, String part) {
        new WebDriverWait(browser, UI_WAIT)
                .withMessage(id + " saying " + part)
                .until(driver -> driver.findElement(By.id(id))
                        .getDomProperty("textContent")
                        .contains(part));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getDomProperty("textContent").strip();
    }

    private String activeElementId() {
        return browser.switchTo().activeElement().getDomAttribute("id");
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void saveScreenshot(String name) throws Exception {
        // Tall enough for the whole table: the page's height plus what the window itself takes.
        Object height =
                script("return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
        browser.manage().window().setSize(new Dimension(1366, Math.min(2000, ((Number) height).intValue())));
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOTS);
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    // --- The HTTP API, for what the test prepares and checks -----------------------------------------------------

    private HttpResponse<String> create(String name, String scope, String expiry) throws Exception {
        return create(admin, name, scope, expiry);
    }

    private HttpResponse<String> create(String caller, String name, String scope, String expiry) throws Exception {
        String body = "{\"name\": \"%s\", \"scope\": \"%s\", %s}".formatted(name, scope, expiry);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(commandSide + "/api/v1/tokens"))
                .header("Authorization", "Bearer " + caller)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as("create %s", name).isEqualTo(201);
        return response;
    }

    private HttpResponse<String> revoke(String id) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(commandSide + "/api/v1/tokens/" + id + "/revoke"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"job retired\"}")));
    }

    private HttpResponse<String> check(String secret) throws Exception {
        return check(secret, "");
    }

    private HttpResponse<String> check(String secret, String query) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(commandSide + "/api/v1/auth/check" + query))
                .header("Authorization", "Bearer " + secret)
                .GET());
    }

    private int dashboardSize(String secret) throws Exception {
        HttpResponse<String> response = dashboard(secret);
        return response.statusCode() == 200
                ? JsonPath.<List<Object>>read(response.body(), "$.items").size()
                : 0;
    }

    private boolean dashboardHas(String secret, String tokenId) throws Exception {
        HttpResponse<String> response = dashboard(secret);
        return response.statusCode() == 200
                && JsonPath.<List<String>>read(response.body(), "$.items[*].id").contains(tokenId);
    }

    private String rotatedTo(String secret, String tokenId) throws Exception {
        return dashboardField(secret, tokenId, "rotatedTo");
    }

    /** A text field of a token as the dashboard lists it; null when it is null or the token not (yet) listed. */
    private String dashboardField(String secret, String tokenId, String field) throws Exception {
        HttpResponse<String> response = dashboard(secret);
        if (response.statusCode() != 200) {
            return null;
        }
        List<String> values = JsonPath.read(response.body(), "$.items[?(@.id == '" + tokenId + "')]." + field);
        return values.isEmpty() ? null : values.get(0);
    }

    private HttpResponse<String> dashboard(String secret) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(querySide + "/api/v1/tokens?limit=200"))
                .header("Authorization", "Bearer " + secret)
                .GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String secretOf(HttpResponse<String> created) {
        return JsonPath.read(created.body(), "$.token");
    }

    private static String idOf(HttpResponse<String> created) {
        return JsonPath.read(created.body(), "$.id");
    }
}
