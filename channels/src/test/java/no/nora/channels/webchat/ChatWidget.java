package no.nora.channels.webchat;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat widget on a page, as a debtor sees and uses it; it lives in a shadow root, so reach in through it. */
final class ChatWidget {
    private final WebDriver browser;
    private final WebDriverWait wait;

    ChatWidget(WebDriver browser, WebDriverWait wait) {
        this.browser = browser;
        this.wait = wait;
    }

    SearchContext shadow() {
        return wait.until(d -> d.findElement(By.id("nora-chat")).getShadowRoot());
    }

    WebElement find(String css) {
        return wait.until(d -> shadow().findElement(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return shadow().findElements(By.cssSelector(css));
    }

    void open() {
        var launcher = wait.until(d -> {
            var l = find(".launcher");
            return l.isDisplayed() ? l : null;
        });
        launcher.click();
        wait.until(d -> find(".panel").isDisplayed());
        wait.until(d -> "input".equals(focused("id")));
    }

    void say(String text) {
        find("#input").sendKeys(text);
        find(".send").click();
    }

    List<WebElement> rows() {
        return all(".log .row");
    }

    /** The text of each message row as shown (who said it, for screen readers, included). */
    List<String> texts() {
        return rows().stream().map(r -> r.findElement(By.cssSelector(".text")).getText()).toList();
    }

    List<String> ids() {
        return rows().stream().map(r -> r.getAttribute("data-id")).toList();
    }

    WebElement last(String from) {
        var all = all(".log .row." + from);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    String lastText(String from) {
        var row = last(from);
        return row == null ? "" : row.findElement(By.cssSelector(".text")).getText();
    }

    /** Waits until a bot (or agent, or system) row contains the text. */
    void awaitRow(String from, String text) {
        wait.until(d -> all(".log .row." + from).stream().anyMatch(r -> r.getText().contains(text)));
    }

    /** An attribute of the element that has the focus inside the widget; null when the focus is elsewhere. */
    String focused(String attribute) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "var a = document.getElementById('nora-chat').shadowRoot.activeElement;"
                        + "return a ? a.getAttribute(arguments[0]) : null;", attribute);
    }

    boolean focusInsidePanel() {
        return (Boolean) ((JavascriptExecutor) browser).executeScript(
                "var s = document.getElementById('nora-chat').shadowRoot;"
                        + "return !!s.activeElement && s.querySelector('.panel').contains(s.activeElement);");
    }

    String conversationId() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return JSON.parse(sessionStorage.getItem('nora.chat')).id;");
    }
}
