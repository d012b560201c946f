package no.nora.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nora.channels.testing.HeadlessChromium;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page and the widget in real headless Chromium (Debian's chromium + chromium-driver). Skipped on a
 * developer machine without them; on CI ({@code CI=true}) their absence fails the test.
 */
class WebChatBrowserTest {
    private RunningGateway gateway;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start(TestInfo info) throws Exception {
        chromium = HeadlessChromium.start(info.getTestMethod().map(m -> m.getName()).orElse("test"), 390, 844);
        browser = chromium.driver();
        wait = chromium.waiting(Duration.ofSeconds(20));
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
        chromium.screenshot(step);
    }
}
