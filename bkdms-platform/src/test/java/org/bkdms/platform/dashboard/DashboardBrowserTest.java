package org.bkdms.platform.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.bkdms.core.keys.CertificateAuthority;
import org.bkdms.platform.AnalysisData;
import org.bkdms.platform.PlatformConfig;
import org.bkdms.platform.PlatformFixture;
import org.bkdms.platform.SmartCityPlatform;
import org.bkdms.platform.api.Role;
import org.bkdms.platform.api.Users;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.HasAuthentication;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UsernameAndPassword;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium against a real platform over HTTPS that follows a real
 * node with real data ({@link AnalysisData}). The browser trusts exactly the platform's TLS key
 * (its SPKI hash), nothing else. Screenshots go to {@code target/screenshots/}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void pagesLoadWithoutConsoleErrorsChartsRenderTheMapShowsTheSitesAndATraceVerifies() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser test needs Debian's chromium and chromedriver: apt-get install chromium chromium-driver")
                .isTrue();
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        try (PlatformFixture fx = new PlatformFixture(dir)) {
            fx.startNode();
            Path users = dir.resolve("users.yaml");
            Users.put(users, "aud", Role.AUDITOR, "aud-password".toCharArray());
            Users.put(users, "vic", Role.VIEWER, "vic-password".toCharArray());
            PlatformConfig base = fx.config(new PlatformConfig.Api("127.0.0.1:0", null, users));
            PlatformConfig.Dashboard dashboard = new PlatformConfig.Dashboard(
                    Map.of(AnalysisData.TRONDHEIM, "Trondheim", AnalysisData.HANGZHOU, "Hangzhou"),
                    Map.of(fx.siteA.toString(), new PlatformConfig.Location(63.4305, 10.3951),
                            fx.siteB.toString(), new PlatformConfig.Location(30.2741, 120.1551)),
                    30, null, "BKDMS browser test");
            PlatformConfig config = new PlatformConfig(base.keystore(), base.trustedCa(), base.dataDir(), base.database(),
                    base.ledgers(), base.api(), base.batchBlocks(), dashboard);
            try (SmartCityPlatform platform = SmartCityPlatform.newBuilder().config(config).password(PlatformFixture.PASSWORD)
                    .database(fx.database(PlatformFixture.Db.H2)).start()) {
                AnalysisData data = AnalysisData.seed(fx, platform);
                ChromeDriver driver = chromium(spkiHash(fx.platformKeystore));
                try {
                    ((HasAuthentication) driver).register(() -> new UsernameAndPassword("aud", "aud-password"));
                    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(40));
                    driver.get("https://127.0.0.1:" + platform.apiPort().orElseThrow() + "/dashboard/");
                    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
                    wait.until(ExpectedConditions.textToBe(By.id("stat-audit"), "clean"));

                    assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
                    assertThat(driver.findElement(By.id("stat-records")).getText()).isEqualTo(String.valueOf(data.submissions()));
                    assertThat(driver.findElement(By.id("stat-rejections")).getText()).isEqualTo("1");
                    assertThat(driver.findElement(By.id("whoami")).getText()).isEqualTo("aud (auditor)");
                    assertThat(driver.findElements(By.cssSelector("#quality-table tbody tr"))).hasSize(2);

                    List<WebElement> canvases = driver.findElements(By.cssSelector("#chart-grid canvas"));
                    assertThat(canvases).hasSize(2); // one chart per city
                    for (WebElement canvas : canvases) {
                        Object painted = ((JavascriptExecutor) driver).executeScript(
                                "const c = arguments[0]; if (!Chart.getChart(c)) return -1;"
                                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                                + "let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) n++; } return n;", canvas);
                        assertThat(((Number) painted).longValue()).as("painted pixels of %s", canvas.getAttribute("data-city"))
                                .isGreaterThan(500);
                    }

                    List<WebElement> markers = driver.findElements(By.cssSelector("#map-box svg g[data-site] circle.site-marker"));
                    assertThat(markers).hasSize(2);
                    assertThat(driver.findElement(By.id("map-note")).getText()).startsWith("2 of 2 sites");
                    screenshot(driver, shots.resolve("dashboard-overview.png"));

                    WebElement link = driver.findElements(By.cssSelector("#records a.trace-link")).get(0);
                    String code = link.getAttribute("data-code");
                    link.click();
                    wait.until(ExpectedConditions.attributeToBe(By.id("trace-result"), "data-consistent", "true"));
                    String trace = driver.findElement(By.id("trace-result")).getText();
                    assertThat(trace).contains("yes: every check passed").contains("Inclusion proof").contains("verified (leaf")
                            .contains("Record"); // an auditor sees the decrypted record
                    assertThat(driver.findElement(By.id("trace-code")).getAttribute("value")).isEqualTo(code);
                    ((JavascriptExecutor) driver).executeScript("document.getElementById('trace').scrollIntoView()");
                    screenshot(driver, shots.resolve("dashboard-trace.png"));

                    // a code typed by hand that is not stored: a clear message, no console error from the page's code
                    WebElement input = driver.findElement(By.id("trace-code"));
                    input.clear();
                    input.sendKeys("01".repeat(53));
                    driver.findElement(By.id("trace-go")).click();
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("trace-result"), "HTTP 404"));

                    List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                            // the 404 of the unknown code just asked for is the one expected failed request
                            .filter(e -> !e.getMessage().contains("/api/trace/" + "01".repeat(53)))
                            .toList();
                    assertThat(severe).as("browser console errors").isEmpty();
                } finally {
                    driver.quit();
                }

                // a viewer gets the same page without the audit view, and the page asks nothing it may not
                ChromeDriver viewer = chromium(spkiHash(fx.platformKeystore));
                try {
                    ((HasAuthentication) viewer).register(() -> new UsernameAndPassword("vic", "vic-password"));
                    viewer.get("https://127.0.0.1:" + platform.apiPort().orElseThrow() + "/dashboard/");
                    new WebDriverWait(viewer, Duration.ofSeconds(40))
                            .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
                    assertThat(viewer.findElement(By.id("whoami")).getText()).isEqualTo("vic (viewer)");
                    assertThat(viewer.findElement(By.id("audit")).isDisplayed()).isFalse();
                    assertThat(viewer.findElement(By.id("stat-audit")).getText()).isEqualTo("auditors only");
                    assertThat(viewer.findElements(By.cssSelector("#chart-grid canvas"))).hasSize(2);
                    assertThat(viewer.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList())
                            .as("browser console errors of the viewer").isEmpty();
                } finally {
                    viewer.quit();
                }
            }
        }
    }

    private ChromeDriver chromium(String spki) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,2600", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--user-data-dir=" + dir.resolve("chromium-profile-" + System.nanoTime()),
                // trust exactly the platform's TLS key for this test's loopback server, no blanket exception
                "--ignore-certificate-errors-spki-list=" + spki);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String spkiHash(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PlatformFixture.PASSWORD);
        }
        byte[] spki = ks.getCertificate(CertificateAuthority.TLS_ALIAS).getPublicKey().getEncoded();
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
    }

    private static void screenshot(ChromeDriver driver, Path to) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
    }
}
