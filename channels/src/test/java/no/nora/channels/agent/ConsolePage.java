package no.nora.channels.agent;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The agent console in the browser tests: signing in and out as a person does, and the session's token. */
record ConsolePage(WebDriver browser, WebDriverWait waiting, String baseUrl) {

    /** Opens the console, signs in with the demo form, and waits for the inbox and the live connection. */
    void signIn(String name, String role) {
        browser.get(baseUrl + "/agent/");
        var field = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("name")));
        field.clear();
        field.sendKeys(name);
        new Select(browser.findElement(By.id("role"))).selectByValue(role);
        browser.findElement(By.id("sign-in-button")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("inbox")));
        waiting.until(ExpectedConditions.textToBe(By.id("live"), "tilkoblet"));
    }

    void signOut() {
        browser.findElement(By.id("sign-out")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    }

    /** The bearer token the console keeps for this tab, for asking the API what the person sees. */
    String token() {
        return String.valueOf(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('nora.agent.token')"));
    }
}
