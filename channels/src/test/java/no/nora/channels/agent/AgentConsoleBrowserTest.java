package no.nora.channels.agent;

import static no.nora.channels.agent.AgentClient.await;
import static no.nora.channels.agent.AgentClient.debtorSays;
import static no.nora.channels.agent.AgentClient.queuedConversation;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.NewConversation;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Message;
import no.nora.bot.live.ConversationEvents;
import no.nora.channels.testing.HeadlessChromium;
import no.nora.channels.testing.RunningGateway;
import no.nora.intents.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent console in real headless Chromium, as agents use it: sign in and out, the inbox, claim, the debtor's
 * cases, a canned reply filled from the case, notes, transfer, release, close with an outcome, search, the SMS
 * composer and the supervisor's dashboard; axe-core on every view. Screenshots go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentConsoleBrowserTest {
    private final Vertx vertx = Vertx.vertx();
    private RunningGateway gateway;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;
    private ConsolePage console;

    @BeforeAll
    void start() throws Exception {
        chromium = HeadlessChromium.start("agent", 1440, 1000);
        browser = chromium.driver();
        wait = chromium.waiting(Duration.ofSeconds(15));
        gateway = RunningGateway.inMemory(Map.of());
        console = new ConsolePage(browser, wait, gateway.baseUrl());
    }

    @AfterEach
    void signOutBetweenTests(org.junit.jupiter.api.TestInfo test) throws Exception {
        if (browser != null) {
            chromium.screenshot("last-" + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
            browser.get(gateway.baseUrl() + "/agent/");
            ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); localStorage.clear();");
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        await(vertx.close());
    }

    @Test
    @Order(1)
    void beforeSignInOnlyTheFormShows_afterItOnlyTheInbox_andSignOutReturnsToTheForm() throws Exception {
        var bot = gateway.gateway().bot();
        var first = queuedConversation(bot, NewConversation.web(Language.NB, Optional.empty()));
        var second = queuedConversation(bot, NewConversation.web(Language.EN, Optional.empty()));
        var third = queuedConversation(bot, NewConversation.web(Language.NN, Optional.empty()));

        browser.get(gateway.baseUrl() + "/agent/");
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
        // Nothing of the console before sign-in: no empty "nobody waits" while three debtors do.
        assertThat(browser.findElement(By.id("console")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("queue-empty")).isDisplayed()).isFalse();
        chromium.screenshot("1-sign-in");
        Axe.assertNoViolations(browser, "sign-in");

        signIn("Kari Nordmann", "agent");
        for (String id : new String[] {first, second, third}) {
            wait.until(ExpectedConditions.visibilityOfElementLocated(line(id)));
        }
        // The sign-in form goes away ([hidden] used to lose against form#sign-in {display:grid}).
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector(lineCss(first))).getText()).contains("Boten forstod ikke").contains("Chat");
        assertThat(browser.findElement(By.id("view-queue")).getText()).matches("Kø \\(\\d+\\)");
        wait.until(ExpectedConditions.textToBe(By.id("live"), "tilkoblet"));
        assertThat(browser.getTitle()).startsWith("(");
        chromium.screenshot("2-queue");
        Axe.assertNoViolations(browser, "queue");

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        assertThat(browser.findElement(By.id("console")).isDisplayed()).isFalse();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        assertThat(browser.findElement(By.id("console")).isDisplayed()).isFalse();
    }

    @Test
    @Order(2)
    void anAgentTakesADebtorSeesTheirCasesAnswersWithACannedReplyWritesANoteAndHandsBackToNora() throws Exception {
        var bot = gateway.gateway().bot();
        var id = queuedConversation(bot, NewConversation.web(Language.NB, Optional.of("d-1001")));

        signIn("Kari Nordmann", "agent");
        wait.until(ExpectedConditions.elementToBeClickable(line(id))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("claim"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("release")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Du snakker nå med Kari"));
        // The debtor beside the transcript: Kari's three cases with creditor, reference, balance and payments.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("debtor"), "Fjordkraft AS"));
        String panel = browser.findElement(By.id("debtor")).getText();
        assertThat(panel).contains("Telenor Norge AS").contains("TEL-4812-KN").contains("Elkjøp Nordic AS")
                .contains("Innlogget på Min side").contains("Innbetalinger").contains("kr");

        new Select(browser.findElement(By.id("canned-case"))).selectByVisibleText("Fjordkraft AS · FJK-3307-KN");
        browser.findElement(By.xpath("//div[@id='canned']/button[contains(., 'Saldo')]")).click();
        String reply = browser.findElement(By.id("reply-text")).getDomProperty("value");
        assertThat(reply).contains("Fjordkraft AS").contains("FJK-3307-KN").contains("kr").doesNotContain("{");
        browser.findElement(By.id("reply-text")).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#transcript li.agent"), "Fjordkraft AS"));

        browser.findElement(By.id("private")).click();
        browser.findElement(By.id("reply-text")).sendKeys("Kunden ringer tilbake i morgen, kontonr 12345678901");
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#transcript li.internal"), "ringer tilbake"));
        assertThat(browser.findElement(By.id("transcript")).getText()).doesNotContain("12345678901").contains("[•••]");
        chromium.screenshot("3-conversation");
        Axe.assertNoViolations(browser, "conversation");

        // The debtor types (the chat widget sends this over its WebSocket), then writes.
        await(bot.engine().events().publish(ConversationEvents.conversation(id),
                new JsonObject().put("type", "typing").put("from", "debtor")));
        wait.until(ExpectedConditions.textToBe(By.id("typing"), "Kunden skriver …"));
        debtorSays(bot, id, "hva er saldoen min nå?");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "saldoen min nå"));
        // What the bot understood of each debtor message, for the agent's eyes.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Nora forstod: Saldo ("));

        browser.findElement(By.id("release")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "tilbake hos Nora"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Hos Nora"));
        // No red English error, no stale "Tatt", nothing left to press.
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("summary")).getText()).doesNotContain("Tatt");
        for (String button : new String[] {"claim", "release", "close", "transfer"}) {
            assertThat(browser.findElement(By.id(button)).isEnabled()).as(button).isFalse();
        }
        // The agent who had it may still read it.
        var kari = AgentClient.withToken(gateway, token());
        assertThat(kari.get("/api/agent/conversations/" + id).statusCode()).isEqualTo(200);
        assertThat(await(bot.engine().transcript(id, Optional.empty(), false)))
                .filteredOn(m -> m.from() == Author.AGENT).extracting(Message::text).singleElement()
                .asString().contains("Fjordkraft AS");
    }

    @Test
    @Order(3)
    void anAgentTransfersToAColleagueWhoClosesWithAnOutcome() throws Exception {
        var bot = gateway.gateway().bot();
        var id = queuedConversation(bot, NewConversation.web(Language.NB, Optional.of("d-1003")));
        var ola = AgentClient.signIn(gateway, "Ola Hansen", "agent");
        var olaFeed = ola.live(vertx);

        signIn("Kari Nordmann", "agent");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agents"), "Ola Hansen"));
        wait.until(ExpectedConditions.elementToBeClickable(line(id))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("claim"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("transfer"))).click();
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("transfer-to"))))
                .selectByVisibleText("Ola Hansen (0 samtaler)");
        Axe.assertNoViolations(browser, "transfer dialog");
        browser.findElement(By.id("transfer-confirm")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "overført til Ola Hansen"));
        olaFeed.await(e -> "transferred".equals(e.getString("change")) && id.equals(e.getString("conversationId")));
        assertThat(ola.get("/api/agent/conversations/" + id).bodyAsJsonObject().getJsonObject("agent").getString("name"))
                .isEqualTo("Ola Hansen");
        assertThat(await(bot.engine().transcript(id, Optional.empty(), false))).extracting(Message::text)
                .contains("Du snakker nå med Ola fra kundesenteret.");

        // Ola's console, in the same browser after Kari signs out: mine, then close with an outcome.
        browser.findElement(By.id("sign-out")).click();
        signIn("Ola Hansen", "agent");
        browser.findElement(By.id("view-mine")).click();
        wait.until(ExpectedConditions.elementToBeClickable(line(id))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("close"))).click();
        browser.findElement(By.cssSelector("#close-dialog input[value='plan_agreed']")).click();
        chromium.screenshot("4-close-with-outcome");
        Axe.assertNoViolations(browser, "close dialog");
        browser.findElement(By.id("close-confirm")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Nedbetalingsplan avtalt"));

        browser.findElement(By.id("view-ended")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(lineCss(id)), "Nedbetalingsplan avtalt"));
        chromium.screenshot("5-recently-ended");
        Axe.assertNoViolations(browser, "recently ended");
        assertThat(await(bot.engine().find(id)).orElseThrow().handoff().code()).isEqualTo("closed");
    }

    @Test
    @Order(4)
    void searchFindsAConversationByCreditorAndFiltersNarrowTheQueue() throws Exception {
        var bot = gateway.gateway().bot();
        var kari = queuedConversation(bot, NewConversation.web(Language.NB, Optional.of("d-1001")));
        var ola = queuedConversation(bot, NewConversation.web(Language.NB, Optional.of("d-1002")));
        var sms = queuedConversation(bot, NewConversation.sms("+4740000004", Optional.empty()));

        signIn("Kari Nordmann", "agent");
        wait.until(ExpectedConditions.visibilityOfElementLocated(line(ola)));
        // Keyboard first: j moves through the list, ? lists the shortcuts, / goes to the search.
        browser.findElement(By.tagName("body")).sendKeys("j");
        assertThat(browser.switchTo().activeElement().findElement(By.xpath("..")).getDomAttribute("data-id")).isNotBlank();
        browser.switchTo().activeElement().sendKeys("?");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shortcuts")));
        Axe.assertNoViolations(browser, "shortcuts");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("shortcuts")));
        browser.findElement(By.tagName("body")).sendKeys("/");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("search");
        browser.switchTo().activeElement().sendKeys("fjordkraft");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(line(ola)));
        assertThat(browser.findElements(line(kari))).hasSize(1);
        chromium.screenshot("6-search");

        browser.findElement(By.id("search")).clear();
        browser.findElement(By.id("search")).sendKeys(" ");
        new Select(browser.findElement(By.id("filter-channel"))).selectByVisibleText("SMS");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(line(kari)));
        assertThat(browser.findElements(line(sms))).hasSize(1);
        Axe.assertNoViolations(browser, "filtered queue");
    }

    @Test
    @Order(5)
    void onSmsTheComposerCountsSegmentsAndShowsWhatGsm7CannotCarry() throws Exception {
        var bot = gateway.gateway().bot();
        var id = queuedConversation(bot, NewConversation.sms("+4740000002", Optional.empty()));

        signIn("Kari Nordmann", "agent");
        wait.until(ExpectedConditions.elementToBeClickable(line(id))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("claim"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("release")));
        browser.findElement(By.id("reply-text")).sendKeys("Hei! Saken din er betalt \u2714");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sms-info"), "1 SMS"));
        assertThat(browser.findElement(By.id("sms-info")).getText()).contains("GSM-7").contains("\u2714");
        // The cases whose reminders went to this number (the demo's reminder for Ola's Sector Alarm case).
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("debtor"), "Sector Alarm AS"));
        assertThat(browser.findElement(By.id("debtor")).getText()).contains("Påminnelse sendt");
        chromium.screenshot("7-sms-composer");
        Axe.assertNoViolations(browser, "SMS conversation");
    }

    @Test
    @Order(6)
    void aSupervisorSeesTheDaysFiguresAsCharts() throws Exception {
        var bot = gateway.gateway().bot();
        queuedConversation(bot, NewConversation.web(Language.EN, Optional.empty()));
        await(bot.engine().start(NewConversation.web(Language.NB, Optional.empty()))); // contained: no person needed

        signIn("Siri Berg", "supervisor");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("view-dashboard"))).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#charts canvas"), 3));
        String queueTile = browser.findElement(By.id("tile-queue")).getText();
        assertThat(Integer.parseInt(queueTile)).isPositive();
        assertThat(browser.findElement(By.id("tile-agents")).getText()).isNotEqualTo("0");
        assertThat(browser.findElement(By.id("charts")).getText()).contains("Overføringer per årsak")
                .contains("Tid til første svar").contains("Løst uten rådgiver");
        var figures = AgentClient.withToken(gateway, token()).get("/api/agent/figures?days=1").bodyAsJsonObject();
        JsonObject today = figures.getJsonArray("days").getJsonObject(0);
        assertThat(today.getLong("started")).isGreaterThan(today.getJsonObject("handoffs").getLong("not_understood"));
        assertThat(today.getJsonObject("outcomes").getLong("plan_agreed")).isEqualTo(1);
        assertThat(today.getInteger("medianFirstReplyMinutes")).isEqualTo(1);
        chromium.screenshot("8-dashboard");
        Axe.assertNoViolations(browser, "dashboard");
    }

    private void signIn(String name, String role) {
        console.signIn(name, role);
    }

    private String token() {
        return console.token();
    }

    private static String lineCss(String id) {
        return "#queue li[data-id='" + id + "'] button";
    }

    private static By line(String id) {
        return By.cssSelector(lineCss(id));
    }
}
