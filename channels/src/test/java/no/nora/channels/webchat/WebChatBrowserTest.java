package no.nora.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Message;
import no.nora.bot.handoff.Agent;
import no.nora.bot.live.ConversationEvents;
import no.nora.channels.testing.HeadlessChromium;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page and the widget in real headless Chromium (Debian's chromium + chromium-driver), phone-sized unless a
 * test says otherwise; axe-core checks every state a test reaches, and screenshots land in target/screenshots.
 * Skipped on a developer machine without Chromium; on CI ({@code CI=true}) its absence fails the test.
 */
class WebChatBrowserTest {
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 800);
    /** A 1280 × 800 screen at 200 % zoom: the page gets half the CSS pixels each way. */
    private static final Dimension DESKTOP_AT_200_PERCENT = new Dimension(640, 400);

    private RunningGateway gateway;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;
    private ChatWidget widget;

    @BeforeEach
    void start(TestInfo info) throws Exception {
        chromium = HeadlessChromium.start(info.getTestMethod().map(m -> m.getName()).orElse("test"),
                PHONE.width, PHONE.height);
        browser = chromium.driver();
        wait = chromium.waiting(Duration.ofSeconds(20));
        widget = new ChatWidget(browser, wait);
        viewport(PHONE, true);
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
    void aSignedInDebtorChatsKeepsTheHistoryAcrossAReloadAndSeesNumbersRemoved() throws Exception {
        browser.get(gateway.baseUrl() + "/");
        assertThat(browser.getTitle()).contains("Inkasso Nord");
        signInAs("d-1001");
        chromium.assertAccessible("1-closed");

        widget.open();
        widget.awaitRow("system", "fødselsnummer");
        chromium.assertAccessible("2-open");

        widget.say("hei");
        wait.until(d -> widget.rows().size() >= 4 && widget.rows().get(widget.rows().size() - 1)
                .getAttribute("class").contains("bot"));
        List<String> history = widget.ids();
        chromium.assertAccessible("3-bot-replied");

        browser.navigate().refresh();
        wait.until(d -> widget.ids().equals(history));
        assertThat(widget.texts()).contains("hei");
        assertThat(announced()).as("a reloaded transcript is not read out again").isEmpty();

        int before = widget.rows().size();
        widget.say("mitt fnr er 17912099997");
        wait.until(d -> widget.rows().size() >= before + 2 && widget.texts().contains("mitt fnr er [•••]"));
        assertThat(announced()).startsWith("Nora: ").doesNotContain("hei");
        assertThat(pageText()).doesNotContainPattern("[0-9]{7}");
        assertThat(widget.ids()).doesNotHaveDuplicates();
        chromium.assertAccessible("4-number-removed");
    }

    @Test
    void onlyTheNewestBotMessagesChoicesCanBeChosen() throws Exception {
        browser.get(gateway.baseUrl() + "/");
        signInAs("d-1001");
        widget.open();
        widget.say("kan jeg få en kopi av fakturaen?");
        wait.until(d -> widget.all(".choice").size() == 3);
        assertThat(widget.all(".choice")).allMatch(b -> b.isEnabled());
        chromium.assertAccessible("1-choose-case");

        widget.all(".choice").stream().filter(b -> b.getText().contains("Fjordkraft")).findFirst().orElseThrow().click();
        wait.until(d -> widget.lastText("bot").contains("Min side"));
        assertThat(widget.lastText("bot")).contains("Fjordkraft").contains("sendt");
        assertThat(gateway.gateway().demoCaseApi().orElseThrow().requests())
                .anySatisfy(r -> assertThat(r.caseId()).isEqualTo("c-2002"));
        assertThat(widget.all(".choice")).hasSize(3).noneMatch(b -> b.isEnabled());
        chromium.assertAccessible("2-confirmed-choices-disabled");
    }

    @Test
    void linksInABotMessageAreLinksAndSignInLeadsToMyPagesSignIn() throws Exception {
        browser.get(gateway.baseUrl() + "/");
        widget.open();
        widget.awaitRow("system", "fødselsnummer");
        var message = new JsonObject().put("id", "LinkMessageA").put("from", "bot").put("text", "Se Min side.")
                .put("choices", new JsonArray()).put("at", "2026-12-05T08:00:00Z")
                .put("links", new JsonArray()
                        .add(new JsonObject().put("label", "Logg inn på Min side").put("url", "nora:sign-in"))
                        .add(new JsonObject().put("label", "Betalingsinformasjon").put("url", "https://example.no/betale"))
                        .add(new JsonObject().put("label", "Farlig").put("url", "javascript:alert(1)")));
        WebChatApiTest.await(gateway.gateway().bot().engine().events().publish(
                ConversationEvents.conversation(widget.conversationId()),
                new JsonObject().put("type", "message").put("message", message)));

        widget.awaitRow("bot", "Se Min side.");
        var links = widget.last("bot").findElements(By.cssSelector("a"));
        assertThat(links).hasSize(2);
        assertThat(links.get(0).getText()).isEqualTo("Logg inn på Min side");
        assertThat(links.get(0).getAttribute("href")).endsWith("/demo/login");
        assertThat(links.get(1).getAttribute("href")).isEqualTo("https://example.no/betale");
        assertThat(links.get(1).getAttribute("target")).isEqualTo("_blank");
        chromium.assertAccessible("links");

        links.get(0).click();
        wait.until(ExpectedConditions.urlContains("/demo/login"));
    }

    @Test
    void theWidgetSpeaksTheConversationsLanguageAndSwitchesWithIt() throws Exception {
        browser.get(gateway.baseUrl() + "/");
        widget.open();
        assertThat(widget.find("#input").getAttribute("placeholder")).isEqualTo("Skriv her …");

        widget.say("Hello, can I get a copy of my invoice please?");
        wait.until(d -> "Write here …".equals(widget.find("#input").getAttribute("placeholder")));
        assertThat(widget.find(".close").getText()).isEqualTo("Close the chat");
        assertThat(widget.find(".nora").getAttribute("lang")).isEqualTo("en");
        assertThat(widget.find(".send").getText()).isEqualTo("Send");
        chromium.assertAccessible("english");

        browser.navigate().refresh();
        wait.until(d -> "Close the chat".equals(widget.find(".close").getAttribute("textContent")));
    }

    @Test
    void aQueueNoticeComesOnceAfterTheDebtorsOwnMessageAndSoDoesTheAgentJoining() throws Exception {
        browser.get(gateway.baseUrl() + "/");
        widget.open();
        widget.say("jeg vil snakke med et menneske");
        widget.awaitRow("system", "kø");

        List<String> texts = widget.texts();
        int mine = texts.indexOf("jeg vil snakke med et menneske");
        assertThat(texts.stream().filter(t -> t.contains("kø"))).hasSize(1);
        assertThat(texts.indexOf(texts.stream().filter(t -> t.contains("kø")).findFirst().orElseThrow()))
                .isGreaterThan(mine);
        chromium.assertAccessible("1-queued");

        WebChatApiTest.await(gateway.gateway().bot().handoffs().claim(widget.conversationId(),
                new Agent("a-1", "Siri Saksbehandler", Agent.Role.AGENT)));
        widget.awaitRow("system", "Siri");
        assertThat(widget.texts().stream().filter(t -> t.contains("Siri") || t.contains("saksbehandler"))).hasSize(1);
        chromium.assertAccessible("2-agent-joined");
    }

    @Test
    void aNumberSplitOverTwoMessagesDisappearsFromTheFirstOnScreen() throws Exception {
        browser.get(gateway.baseUrl() + "/");
        widget.open();
        widget.say("fnr 010190");
        wait.until(d -> widget.texts().contains("fnr 010190") && widget.last("pending") == null);

        widget.say("12345");
        wait.until(d -> widget.texts().contains("fnr [•••]"));
        assertThat(pageText()).doesNotContain("010190");
        chromium.assertAccessible("redacted-after-the-fact");
    }

    @Test
    void aSignedInDebtorKeepsWritingAcrossAGatewayRestartWithoutLosingAWord() throws Exception {
        browser.get(gateway.baseUrl() + "/");
        signInAs("d-1001");
        widget.open();
        widget.say("hei");
        wait.until(d -> widget.texts().contains("hei") && widget.last("pending") == null);
        int port = gateway.port();

        gateway.close();
        gateway = null;
        widget.say("kan jeg få kopi av fakturaen?");
        wait.until(d -> widget.last("pending") != null
                && widget.last("pending").getText().contains("Ikke sendt ennå"));
        chromium.assertAccessible("1-waiting-to-send");

        gateway = RunningGateway.inMemory(Map.of("PORT", Integer.toString(port)));
        widget.awaitRow("system", "startet en ny");
        wait.until(d -> "kan jeg få kopi av fakturaen?".equals(widget.find("#input").getAttribute("value")));
        widget.awaitRow("bot", "Jeg kan sende deg kopi av fakturaen");
        assertThat(widget.all(".row.pending")).isEmpty();
        assertThat(browser.findElement(By.id("debtor")).getText()).contains("d-1001");
        chromium.assertAccessible("2-new-conversation-text-kept");

        widget.find(".send").click();
        wait.until(d -> widget.all(".choice").size() == 3);
        assertThat(widget.texts().stream().filter(t -> t.equals("kan jeg få kopi av fakturaen?"))).hasSize(1);

        // Restarted again, then the page reloaded: still signed in, in a new conversation, no "not available".
        gateway.close();
        gateway = null;
        gateway = RunningGateway.inMemory(Map.of("PORT", Integer.toString(port)));
        browser.navigate().refresh();
        widget.awaitRow("bot", "Jeg kan sende deg kopi av fakturaen");
        var state = WebChatApiTest.await(gateway.gateway().bot().engine().find(widget.conversationId()));
        assertThat(state).hasValueSatisfying(s -> assertThat(s.debtorId()).contains("d-1001"));
        wait.until(d -> widget.find(".status").getText().isEmpty());
        chromium.assertAccessible("3-reloaded-after-another-restart");
    }

    @Test
    void aMessageWrittenWhileOfflineIsShownAsSendingAndArrivesOnceWhenTheNetworkReturns() throws Exception {
        browser.get(gateway.baseUrl() + "/");
        widget.open();
        widget.awaitRow("system", "fødselsnummer");
        var network = (ChromiumDriver) browser;
        var offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        network.setNetworkConditions(offline);

        widget.say("har dere fått betalingen min?");
        wait.until(d -> widget.last("pending") != null && widget.last("pending").getText().contains("Ikke sendt ennå"));
        chromium.assertAccessible("1-offline-pending");

        network.deleteNetworkConditions();
        wait.until(d -> widget.last("pending") == null
                && widget.rows().get(widget.rows().size() - 1).getAttribute("class").contains("bot"));
        assertThat(widget.texts().stream().filter(t -> t.equals("har dere fått betalingen min?"))).hasSize(1);
        var stored = WebChatApiTest.await(gateway.gateway().bot().engine()
                .transcript(widget.conversationId(), Optional.empty(), false));
        assertThat(stored.stream().filter(m -> m.from() == Author.DEBTOR).map(Message::text))
                .containsExactly("har dere fått betalingen min?");
        chromium.assertAccessible("2-delivered");
    }

    @Test
    void aKeyboardUserOpensChatsAndClosesWithFocusKeptInTheDialog() throws Exception {
        viewport(DESKTOP, false);
        browser.get(gateway.baseUrl() + "/");
        var keys = new Actions(browser);
        for (int i = 0; i < 20 && !"launcher".equals(widget.focused("class")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(widget.focused("class")).isEqualTo("launcher");
        chromium.assertAccessible("1-launcher-focused");

        keys.sendKeys(Keys.ENTER).perform();
        wait.until(d -> "input".equals(widget.focused("id")));
        keys.sendKeys("hei").sendKeys(Keys.ENTER).perform();
        wait.until(d -> widget.texts().contains("hei") && widget.last("pending") == null);

        var visited = new java.util.ArrayList<String>();
        for (int i = 0; i < 6; i++) {
            keys.sendKeys(Keys.TAB).perform();
            assertThat(widget.focusInsidePanel()).as("focus after %d Tabs", i + 1).isTrue();
            visited.add(widget.focused("class") + "#" + widget.focused("id"));
        }
        assertThat(visited).containsSubsequence("send#null", "close#null", "log#null", "null#input");
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(widget.focusInsidePanel()).isTrue();
        chromium.assertAccessible("2-open-focus-in-dialog");

        keys.sendKeys(Keys.ESCAPE).perform();
        wait.until(d -> !widget.find(".panel").isDisplayed());
        assertThat(widget.focused("class")).isEqualTo("launcher");
    }

    @Test
    void atTwoHundredPercentZoomEverythingFitsAndStaysReachable() throws Exception {
        viewport(DESKTOP_AT_200_PERCENT, false);
        browser.get(gateway.baseUrl() + "/");
        chromium.assertAccessible("1-closed");
        widget.open();
        widget.say("hei");
        wait.until(d -> widget.texts().contains("hei") && widget.last("pending") == null);
        var viewport = (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(
                "return {w: innerWidth, h: innerHeight, scroll: document.documentElement.scrollWidth};");
        long width = ((Number) viewport.get("w")).longValue();
        for (String part : List.of(".panel", "#input", ".send", ".close")) {
            var box = widget.find(part).getRect();
            assertThat(box.getX()).as(part).isGreaterThanOrEqualTo(0);
            assertThat(box.getX() + box.getWidth()).as(part).isLessThanOrEqualTo((int) width);
            assertThat(box.getY() + box.getHeight()).as(part).isLessThanOrEqualTo(((Number) viewport.get("h")).intValue());
        }
        assertThat(((Number) viewport.get("scroll")).longValue()).isLessThanOrEqualTo(width);
        chromium.assertAccessible("2-open");
    }

    @Test
    void oneScriptTagEmbedsItUnderAStrictPolicyUntouchedByThePagesCss() throws Exception {
        viewport(DESKTOP, false);
        browser.get(gateway.baseUrl() + "/test/strict-csp.html");
        var launcher = widget.find(".launcher");
        wait.until(d -> launcher.isDisplayed());
        assertThat(launcher.getText()).isEqualTo("Chat with us");
        assertThat(launcher.getRect().getX()).as("data-position=left").isLessThan(100);
        assertThat(launcher.getCssValue("background-color")).isEqualTo("rgba(11, 79, 108, 1)");
        assertThat(launcher.getCssValue("font-size")).isEqualTo("16px");
        assertThat(launcher.getCssValue("letter-spacing")).isEqualTo("normal");

        widget.open();
        widget.say("hello");
        wait.until(d -> widget.texts().contains("hello") && widget.last("pending") == null
                && widget.rows().get(widget.rows().size() - 1).getAttribute("class").contains("bot"));
        // Checked before axe runs: axe itself adds a style the policy refuses.
        assertThat(chromium.consoleErrors()).noneMatch(e -> e.contains("Content Security Policy")
                || e.contains("Trusted Type"));
        chromium.assertAccessible("1-open");
        widget.find(".close").click();
        chromium.assertAccessible("2-closed");
    }

    /** The page's size in CSS pixels (a window cannot be made narrower than 500 pixels; an emulated screen can). */
    private void viewport(Dimension size, boolean phone) {
        ((ChromiumDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", size.width, "height", size.height, "deviceScaleFactor", 1, "mobile", phone));
    }

    private void signInAs(String debtorId) {
        browser.findElement(By.linkText("Logg inn på Min side (demo)")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-debtor='" + debtorId + "']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("debtor"), debtorId));
    }

    /** What the widget's live region has read out. */
    private String announced() {
        return widget.find(".panel > [aria-live=polite]").getAttribute("textContent");
    }

    /** Everything the page shows, the widget's shadow root included. */
    private String pageText() {
        return browser.findElement(By.tagName("body")).getText() + String.join("\n", widget.texts());
    }
}
