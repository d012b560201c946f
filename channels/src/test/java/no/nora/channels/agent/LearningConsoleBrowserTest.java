package no.nora.channels.agent;

import static no.nora.channels.agent.AgentClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nora.channels.testing.HeadlessChromium;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The learning loop in the supervisor's console, in real headless Chromium against the real gateway: debtors write
 * what Nora does not understand, the review inbox groups it, a supervisor labels it, trains a model, reads its
 * report, activates it and goes back; the dashboard shows the fallback rate, intents per day and what stays
 * unanswered. axe-core on every view. The four steps of the loop are saved for the README as
 * {@code target/screenshots/learning-loop-*.png} (copied to {@code docs/console/}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LearningConsoleBrowserTest {
    private static final String PAPERS = "send meg papirene på nytt";
    private static final String APP = "har dere app";
    private static final By GROUPS = By.cssSelector("#review-groups > li");

    private RunningGateway gateway;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;
    private ConsolePage console;

    @BeforeAll
    void start() throws Exception {
        chromium = HeadlessChromium.start("learning", 1440, 1000);
        browser = chromium.driver();
        wait = chromium.waiting(Duration.ofSeconds(15));
        gateway = RunningGateway.inMemory(Map.of());
        console = new ConsolePage(browser, wait, gateway.baseUrl());
    }

    @AfterAll
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void anAgentSeesNeitherTheReviewInboxNorTraining() throws Exception {
        debtorsSay(APP);
        console.signIn("Kari Nordmann", "agent");
        for (String view : List.of("view-review", "view-training", "view-dashboard")) {
            assertThat(browser.findElement(By.id(view)).isDisplayed()).as(view).isFalse();
        }
        assertThat(browser.findElement(By.id("review")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("training")).isDisplayed()).isFalse();
        var kari = AgentClient.withToken(gateway, console.token());
        assertThat(kari.get("/api/agent/review").statusCode()).isEqualTo(403);
        assertThat(kari.get("/api/agent/training").statusCode()).isEqualTo(403);
        console.signOut();
    }

    @Test
    @Order(2)
    void theReviewInboxGroupsWhatNoraDidNotUnderstand_opensItsConversation_andASupervisorLabelsTheGroup() throws Exception {
        debtorsSay("Send meg papirene på nytt", PAPERS, PAPERS + ".");
        console.signIn("Siri Berg", "supervisor");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("view-review"))).click();
        WebElement papers = group(PAPERS);
        assertThat(papers.findElement(By.cssSelector(".times")).getText()).startsWith("3");
        assertThat(papers.getText()).contains("Nora forstod ikke: 3").contains("Noras gjetning").contains("%")
                .contains("Bokmål");
        assertThat(browser.findElements(GROUPS).get(0).getText()).as("most frequent first").contains("papirene");
        assertThat(browser.findElement(By.id("view-review")).getText()).matches("Gjennomgang \\(\\d+\\)");
        chromium.screenshot("loop-1-review");
        Axe.assertNoViolations(browser, "review inbox");

        // Its conversation one click away, though Nora still holds it; and back to the same message.
        papers.findElement(By.tagName("summary")).click();
        WebElement openFirst = papers.findElement(By.xpath(".//button[.='Åpne samtalen']"));
        String item = openFirst.getDomAttribute("data-item");
        openFirst.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "papirene"));
        assertThat(browser.findElement(By.id("summary")).getText()).contains("Hos Nora");
        browser.findElement(By.id("back-to-review")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review")));
        wait.until(d -> item.equals(d.switchTo().activeElement().getDomAttribute("data-item")));

        // Label the whole group, with the intent's Norwegian name.
        papers = group(PAPERS);
        WebElement intent = papers.findElement(By.cssSelector(".group-body > .decisions select"));
        new Select(intent).selectByVisibleText("Kopi av faktura");
        chromium.screenshot("loop-2-labelling");
        Axe.assertNoViolations(browser, "review inbox, a group open");
        // By keyboard: the language, then the button, with a focus ring to see where one is.
        intent.sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement mark = browser.switchTo().activeElement();
        assertThat(mark.getText()).isEqualTo("Merk alle 3");
        assertThat(mark.getCssValue("outline-style")).isEqualTo("solid");
        mark.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "3 meldinger er merket som «Kopi av faktura»"));
        assertThat(browser.findElement(By.id("notice")).getDomAttribute("role")).isEqualTo("status");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(groupBy(PAPERS)));
        // The keyboard goes on where the group was: at the next group's text.
        wait.until(d -> d.switchTo().activeElement().getText().contains(APP));

        // Another phrasing needs an intent Nora does not have yet: noted, with a word for the developers.
        WebElement app = group(APP);
        app.findElement(By.xpath(".//button[.='Trenger ny intensjon …']")).click();
        WebElement note = app.findElement(By.cssSelector(".note-form input"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(note);
        note.sendKeys("Spør om vi har en app");
        app.findElement(By.xpath(".//button[.='Lagre som ny intensjon']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "behov for en ny intensjon"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(groupBy(APP)));
        console.signOut();
    }

    @Test
    @Order(3)
    void trainingShowsTheExamples_trainsWithProgress_reportsBeforeAndAfter_andActivatesWithOneClickBack() throws Exception {
        console.signIn("Siri Berg", "supervisor");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("view-training"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("examples"), PAPERS));
        assertThat(browser.findElement(By.id("examples")).getText()).contains("Kopi av faktura").contains("Siri Berg");
        assertThat(browser.findElement(By.id("new-intents")).getText()).contains(APP).contains("Spør om vi har en app");
        assertThat(browser.findElement(By.id("active-model")).getText()).startsWith("Modellen fra bygget");
        assertThat(browser.findElement(By.id("roll-back")).isEnabled()).isFalse();
        Axe.assertNoViolations(browser, "training");

        // The export as the browser saves it: corpus lines to commit, and the notes as comments.
        Path downloads = Files.createTempDirectory("nora-downloads-");
        ((HasCdp) browser).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        browser.findElement(By.id("export")).click();
        Path tsv = downloads.resolve("examples.tsv");
        wait.until(d -> Files.isRegularFile(tsv));
        assertThat(Files.readString(tsv)).contains("invoice_copy\tnb\t" + PAPERS + "\n").contains("# new intent: " + APP);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "lastet ned som examples.tsv"));
        Files.delete(tsv);
        Files.delete(downloads);

        browser.findElement(By.id("train")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Treningen har startet"));
        assertThat(browser.findElement(By.id("train")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("job-status")).getText()).containsPattern("steg \\d+ av \\d+");
        // The bar moves while the job runs (the console asks every second).
        wait.until(d -> {
            var bar = d.findElement(By.id("job-progress"));
            double value = Double.parseDouble(bar.getDomProperty("value"));
            return value > 0 && value < Double.parseDouble(bar.getDomProperty("max"));
        });
        new WebDriverWait(browser, Duration.ofMinutes(4))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Treningen er ferdig"));
        var progress = browser.findElement(By.id("job-progress"));
        assertThat(progress.getDomProperty("value")).isEqualTo(progress.getDomProperty("max"));
        WebElement model = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#models > li")));
        assertThat(model.getText()).contains("Kan tas i bruk").contains("Utviklingssettet").contains("Kryssvalidering")
                .contains("Nye eksempler forstått").contains("→");
        assertThat(model.findElement(By.className("reasons")).getText()).as("the verdict's rules in Norwegian")
                .contains("Ikke noe utviklingssett").contains("Riktige i kryssvalidering (5 deler)")
                .doesNotContain("cross-validation");
        model.findElement(By.tagName("summary")).click();
        assertThat(model.findElement(By.tagName("table")).getText()).contains("Kopi av faktura");
        scrollTo(By.id("models-title"));
        chromium.screenshot("loop-3-training-report");
        Axe.assertNoViolations(browser, "training report");

        String version = model.getDomAttribute("data-version");
        model.findElement(By.xpath(".//button[.='Ta i bruk']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "er i bruk nå"));
        assertThat(browser.findElement(By.id("active-model")).getText()).contains(version).contains("Siri Berg");
        assertThat(browser.findElement(By.cssSelector("#models > li[data-version='" + version + "']")).getText())
                .contains("i bruk");
        assertThat(understood(PAPERS)).isEqualTo("invoice_copy");
        scrollTo(By.id("training-title"));
        chromium.screenshot("active-model");

        // One click back to the model that came with the build.
        WebElement back = browser.findElement(By.id("roll-back"));
        assertThat(back.getText()).isEqualTo("Tilbake til modellen fra bygget");
        back.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("active-model"), "Modellen fra bygget"));
        assertThat(understood(PAPERS)).isNotEqualTo("invoice_copy");
        console.signOut();
    }

    @Test
    @Order(4)
    void theDashboardShowsTheFallbackRateIntentsPerDayAndWhatStaysUnanswered() throws Exception {
        debtorsSay("hvor kan jeg parkere", "hvor kan jeg parkere", "kan jeg få fakturaen på sms", "hva er saldoen min");
        console.signIn("Siri Berg", "supervisor");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("view-dashboard"))).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#charts canvas"), 5));
        String charts = browser.findElement(By.id("charts")).getText();
        assertThat(charts).contains("Meldinger Nora ikke forstod").contains("Hva kundene spør om per dag")
                .contains("Kopi av faktura").contains("Vanligste meldinger Nora ikke kunne svare på");
        WebElement unanswered = browser.findElement(By.cssSelector("#charts table.unanswered"));
        assertThat(unanswered.getText()).contains("«hvor kan jeg parkere» 2");
        scrollTo(By.id("fallback-chart"));
        chromium.screenshot("loop-4-figures");
        Axe.assertNoViolations(browser, "dashboard with the learning figures");

        unanswered.findElement(By.xpath("..//button[.='Gå til gjennomgangen']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(groupBy("hvor kan jeg parkere")));
        console.signOut();
    }

    @Test
    @Order(5)
    void anAgentSigningInAfterASupervisorOnTheSamePageStartsAtTheQueue() throws Exception {
        console.signIn("Siri Berg", "supervisor");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("view-review"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(groupBy("hvor kan jeg parkere")));
        console.signOut();
        // The same page, no reload: what the supervisor had open must not stay on the agent's screen.
        var field = browser.findElement(By.id("name"));
        field.clear();
        field.sendKeys("Kari Nordmann");
        new Select(browser.findElement(By.id("role"))).selectByValue("agent");
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("who"), "Kari Nordmann"));
        assertThat(browser.findElement(By.id("filters")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("queue")).getDomAttribute("hidden")).isNull();
        assertThat(browser.findElement(By.id("review")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("view-review")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("view-queue")).getDomAttribute("aria-pressed")).isEqualTo("true");
        console.signOut();
    }

    @Test
    @Order(6)
    void whatADebtorWroteIsShownAsText_neverAsMarkup() throws Exception {
        String markup = "<img src=x onerror=\"document.title='pwned'\"> blå elefanter danser";
        debtorsSay(markup);
        console.signIn("Siri Berg", "supervisor");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("view-review"))).click();
        WebElement shown = group("elefanter");
        assertThat(shown.findElement(By.tagName("h3")).getText()).isEqualTo("«" + markup + "»");
        assertThat(browser.findElements(By.cssSelector("#review img"))).isEmpty();
        assertThat(browser.getTitle()).doesNotContain("pwned");
        console.signOut();
    }

    /** Each text from a debtor of their own, in the web chat, as the widget sends it; their conversations. */
    private List<String> debtorsSay(String... texts) throws Exception {
        var conversations = new java.util.ArrayList<String>();
        for (String text : texts) {
            var session = await(gateway.client().post("/api/chat/sessions").sendJsonObject(new JsonObject()));
            assertThat(session.statusCode()).isEqualTo(201);
            var chat = session.bodyAsJsonObject();
            var said = await(gateway.client().post("/api/chat/sessions/" + chat.getString("conversationId") + "/messages")
                    .bearerTokenAuthentication(chat.getString("token")).sendJsonObject(new JsonObject().put("text", text)));
            assertThat(said.statusCode()).as(said.bodyAsString()).isEqualTo(200);
            conversations.add(chat.getString("conversationId"));
        }
        return conversations;
    }

    /** What Nora made of a new debtor's message, as the conversation shows it to the supervisor. */
    private String understood(String text) throws Exception {
        var id = debtorsSay(text).get(0);
        var details = AgentClient.withToken(gateway, console.token()).get("/api/agent/conversations/" + id).bodyAsJsonObject();
        return details.getJsonArray("transcript").stream().map(JsonObject.class::cast)
                .filter(m -> "debtor".equals(m.getString("from"))).findFirst().orElseThrow()
                .getJsonObject("understood", new JsonObject()).getString("intent");
    }

    private WebElement group(String text) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(groupBy(text)));
    }

    private static By groupBy(String text) {
        return By.xpath("//ol[@id='review-groups']/li[.//h3[contains(., '" + text + "')]]");
    }

    private void scrollTo(By element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'})", browser.findElement(element));
    }
}
