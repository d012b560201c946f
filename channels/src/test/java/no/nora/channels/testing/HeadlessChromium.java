package no.nora.channels.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromedriver, with a fresh profile per test.
 * Skipped on a developer machine without them; on CI ({@code CI=true}) their absence fails the test. Selenium is
 * pointed at the installed binaries, so Selenium Manager never tries to download anything.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Held so the setting sticks: Selenium warns about CDP versions it does not need here. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final WebDriver driver;
    private final Path profile;
    private final String testName;

    private HeadlessChromium(WebDriver driver, Path profile, String testName) {
        this.driver = driver;
        this.profile = profile;
        this.testName = testName;
    }

    /** A browser window of the given size; screenshots are named after {@code testName}. */
    public static HeadlessChromium start(String testName, int width, int height) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
            assumeTrue(installed, "Chromium and chromedriver are not installed; skipping the browser test");
        }
        assertThat(installed).as("CI needs /usr/bin/chromium and /usr/bin/chromedriver").isTrue();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("nora-chromium-");
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile.toAbsolutePath());
        // The browser's console, so a test can see what the page complained about (a refused script or style).
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        return new HeadlessChromium(new ChromeDriver(options), profile, testName);
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    /** Saves what the browser shows as {@code target/screenshots/<test>-<name>.png}, a test artifact. */
    public void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(testName + "-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Saves a screenshot and checks the page with axe-core (every rule of its default set): no violations. */
    public void assertAccessible(String state) throws IOException {
        screenshot(state);
        var violations = new AxeBuilder().analyze(driver).getViolations();
        assertThat(violations).as(state + ": " + violations.stream()
                .map(rule -> rule.getId() + " " + rule.getNodes().stream().map(n -> n.getTarget() + " " + n.getHtml())
                        .toList())
                .toList()).isEmpty();
    }

    /** What the page wrote to the console as errors (CSP refusals among them) since the last call. */
    public java.util.List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
