package no.nora.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page and the widget in real headless Chromium (Debian's chromium + chromium-driver). Skipped on a
 * developer machine without them; on CI ({@code CI=true}) their absence fails the test.
 */
class WebChatBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Held so the setting sticks: Selenium warns about CDP versions it does not need here. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private RunningGateway gateway;
    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;
    private String testName;

    @BeforeEach
    void start(TestInfo info) throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(installed, "Chromium and chromedriver are not installed; skipping the browser test");
        }
        assertThat(installed).as("CI needs /usr/bin/chromium and /usr/bin/chromedriver").isTrue();
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        gateway = RunningGateway.inMemory(Map.of());
        profile = Files.createTempDirectory("nora-chromium-");
        // Point Selenium at the installed driver and browser so Selenium Manager never downloads anything.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--window-size=390,844",
                "--user-data-dir=" + profile.toAbsolutePath());
        browser = new ChromeDriver(options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aSignedInDebtorChatsKeepsTheHistoryAcrossAReloadAndSeesNumbersRemoved() throws Exception {
        browser.get(gateway.baseUrl() + "/");
        assertThat(browser.getTitle()).contains("Inkasso Nord");
        signInAs("d-1001");
        screenshot("1-signed-in");

        openWidget();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".nora-log"), "fødselsnummer"));
        screenshot("2-privacy-notice");

        int before = messages().size();
        say("hei");
        wait.until(d -> messages().size() >= before + 2
                && lastOf(".nora-msg.nora-bot") != null && messages().get(messages().size() - 1).getAttribute("class").contains("nora-bot"));
        List<String> history = messageIds();
        screenshot("3-bot-replied");

        browser.navigate().refresh();
        wait.until(d -> messageIds().equals(history));
        assertThat(browser.findElement(By.cssSelector(".nora-log")).getText()).contains("hei");
        screenshot("4-after-reload");

        int beforeNumber = messages().size();
        say("mitt fnr er 17912099997");
        wait.until(d -> messages().size() >= beforeNumber + 2);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".nora-log"), "mitt fnr er [•••]"));
        assertThat(browser.getPageSource()).doesNotContainPattern("[0-9]{7}");
        assertThat(messageIds()).doesNotHaveDuplicates();
        screenshot("5-number-removed");
    }

    @Test
    void aSignedInDebtorGetsAnInvoiceCopyForTheChosenCase() throws Exception {
        browser.get(gateway.baseUrl() + "/");
        signInAs("d-1001");
        openWidget();
        say("kan jeg få en kopi av fakturaen?");
        wait.until(d -> d.findElements(By.cssSelector(".nora-choice")).size() == 3);
        screenshot("invoice-copy-choose-case");
        var fjordkraft = browser.findElements(By.cssSelector(".nora-choice")).stream()
                .filter(b -> b.getText().contains("Fjordkraft")).findFirst().orElseThrow();
        fjordkraft.click();
        wait.until(d -> lastOf(".nora-msg.nora-bot").getText().contains("Min side"));
        assertThat(lastOf(".nora-msg.nora-bot").getText()).contains("Fjordkraft").contains("sendt");
        assertThat(gateway.gateway().demoCaseApi().orElseThrow().requests())
                .anySatisfy(r -> assertThat(r.caseId()).isEqualTo("c-2002"));
        screenshot("invoice-copy-confirmed");
    }

    private void signInAs(String debtorId) {
        browser.findElement(By.linkText("Logg inn på Min side (demo)")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-debtor='" + debtorId + "']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("debtor"), debtorId));
    }

    private void openWidget() {
        var launcher = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".nora-launcher")));
        launcher.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".nora-panel")));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("nora-input");
    }

    private void say(String text) {
        var input = wait.until(ExpectedConditions.elementToBeClickable(By.id("nora-input")));
        input.sendKeys(text);
        browser.findElement(By.cssSelector(".nora-send")).click();
    }

    private List<WebElement> messages() {
        return browser.findElements(By.cssSelector(".nora-log .nora-msg"));
    }

    private List<String> messageIds() {
        return messages().stream().map(m -> m.getAttribute("data-id")).toList();
    }

    private WebElement lastOf(String selector) {
        var all = browser.findElements(By.cssSelector(selector));
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private void screenshot(String step) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(testName + "-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
