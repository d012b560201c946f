package no.nora.channels.agent;

import static no.nora.channels.agent.AgentClient.await;
import static no.nora.channels.agent.AgentClient.queuedConversation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.NewConversation;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Message;
import no.nora.channels.testing.RunningGateway;
import no.nora.intents.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The agent console in real headless Chromium: sign in, see the queue, claim, reply. */
class AgentConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private RunningGateway gateway;
    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void start() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        assumeTrue(ci || Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("nora-agent-chromium");
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
        gateway = RunningGateway.inMemory(Map.of());
        browser = new ChromeDriver(options);
        Files.createDirectories(SCREENSHOTS);
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
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void anAgentSignsInClaimsAQueuedConversationAndReplies() throws Exception {
        var bot = gateway.gateway().bot();
        var id = queuedConversation(bot, NewConversation.web(Language.NB, Optional.empty()));
        var wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        browser.get(gateway.baseUrl() + "/agent/");
        browser.findElement(By.id("name")).sendKeys("Kari Nordmann");
        browser.findElement(By.id("sign-in-button")).click();
        var entry = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#queue li[data-id='" + id + "']")));
        assertThat(entry.getText()).contains("not understood").contains("WEB");
        wait.until(ExpectedConditions.textToBe(By.id("live"), "tilkoblet"));
        screenshot("agent-1-queue");

        entry.click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("claim"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("release")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Du snakker nå med Kari"));

        browser.findElement(By.cssSelector("#canned button[data-text^='Hei!']")).click();
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#transcript li.agent"),
                "Hei! Jeg ser på saken din nå."));
        screenshot("agent-2-replied");

        assertThat(await(bot.engine().transcript(id, Optional.empty(), false)))
                .filteredOn(m -> m.from() == Author.AGENT).extracting(Message::text)
                .containsExactly("Hei! Jeg ser på saken din nå.");
    }

    private void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
