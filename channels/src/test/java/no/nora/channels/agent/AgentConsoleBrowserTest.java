package no.nora.channels.agent;

import static no.nora.channels.agent.AgentClient.await;
import static no.nora.channels.agent.AgentClient.queuedConversation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.NewConversation;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Message;
import no.nora.channels.testing.HeadlessChromium;
import no.nora.channels.testing.RunningGateway;
import no.nora.intents.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The agent console in real headless Chromium: sign in, see the queue, claim, reply. */
class AgentConsoleBrowserTest {
    private RunningGateway gateway;
    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        chromium = HeadlessChromium.start("agent", 1280, 900);
        browser = chromium.driver();
        gateway = RunningGateway.inMemory(Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void anAgentSignsInClaimsAQueuedConversationAndReplies() throws Exception {
        var bot = gateway.gateway().bot();
        var id = queuedConversation(bot, NewConversation.web(Language.NB, Optional.empty()));
        var wait = chromium.waiting(Duration.ofSeconds(15));

        browser.get(gateway.baseUrl() + "/agent/");
        browser.findElement(By.id("name")).sendKeys("Kari Nordmann");
        browser.findElement(By.id("sign-in-button")).click();
        var entry = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#queue li[data-id='" + id + "']")));
        assertThat(entry.getText()).contains("Boten forstod ikke").contains("Chat");
        wait.until(ExpectedConditions.textToBe(By.id("live"), "tilkoblet"));
        chromium.screenshot("1-queue");

        entry.click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("claim"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("release")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Du snakker nå med Kari"));

        browser.findElement(By.cssSelector("#canned button[data-text^='Hei!']")).click();
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#transcript li.agent"),
                "Hei! Jeg ser på saken din nå."));
        chromium.screenshot("2-replied");

        assertThat(await(bot.engine().transcript(id, Optional.empty(), false)))
                .filteredOn(m -> m.from() == Author.AGENT).extracting(Message::text)
                .containsExactly("Hei! Jeg ser på saken din nå.");
    }
}
