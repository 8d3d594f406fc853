package org.annexp2p.web.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per test class (register it in a static field with {@code @RegisterExtension}), reset before
 * each test (cookies gone, a blank page, the desktop window size) and photographed after each one into
 * {@code target/screenshots/CLASS-METHOD.png} ({@code -FAILED.png}, with the page's HTML beside it, when it failed).
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterTestExecutionCallback {
    static final Dimension DESKTOP = new Dimension(1100, 900);
    /** How long a page may take to show what a test waits for: a safety net, never a measurement. */
    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Path profile;
    private ChromeDriver driver;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        profile = Chromium.freshProfile();
        driver = Chromium.start(profile, SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName() + "-chromedriver.log"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            Chromium.deleteTree(profile);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        driver.get("about:blank");
        forgetCookies();
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.executeCdpCommand("Browser.resetPermissions", Map.of());
        driver.manage().window().setSize(DESKTOP);
    }

    /** Every cookie of every site gone, as in a new profile. */
    public void forgetCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        boolean failed = context.getExecutionException().isPresent();
        String base = failed ? name + "-FAILED" : name;
        try {
            Files.write(SCREENSHOTS.resolve(base + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            if (failed) {
                Files.writeString(SCREENSHOTS.resolve(base + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** The element with this id once it is visible. */
    public WebElement visible(String id) {
        return until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /**
     * Waits, up to {@link #PATIENCE}, for {@code condition} to hold, and returns what it gave. An element the page
     * redrew meanwhile (stale) is looked up again on the next try.
     */
    public <T> T until(Function<? super WebDriver, T> condition) {
        return until(PATIENCE, condition);
    }

    /** As {@link #until(Function)}, for work that takes longer (Tor), up to {@code patience}. */
    public <T> T until(Duration patience, Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, patience, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** The text of the element with this id once it contains {@code part}. */
    public String textOnceItShows(String id, String part) {
        until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), part));
        return driver.findElement(By.id(id)).getText();
    }

    /** Runs {@code script} in the page (outside its Content-Security-Policy, as a debugger's console does). */
    @SuppressWarnings("unchecked")
    public <T> T js(String script, Object... args) {
        return (T) driver.executeScript(script, args);
    }

    /** As {@link #js}, for a script that ends by calling {@code arguments[arguments.length - 1]} with its result. */
    @SuppressWarnings("unchecked")
    public <T> T jsAsync(String script, Object... args) {
        return (T) driver.executeAsyncScript(script, args);
    }

    /** The cookies the browser would send to {@code url}, HttpOnly ones too, each as DevTools describes it. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> cookies(String url) {
        return (List<Map<String, Object>>) driver.executeCdpCommand("Network.getCookies", Map.of("urls", List.of(url)))
                .get("cookies");
    }

    /** The text the page shows (its body's), once it has loaded. */
    public String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Shows pages as a phone of this size does (a mobile viewport) until the next test. */
    public void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    /** Lets the page write to and read from the clipboard (its origin, until the next test). */
    public void allowClipboard(String origin) {
        driver.executeCdpCommand("Browser.grantPermissions",
                Map.of("origin", origin, "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    /** Saves the element with this id, scrolled into view, as {@code target/screenshots/NAME.png} (for the docs). */
    public Path screenshotOf(String id, String name) throws IOException {
        WebElement element = visible(id);
        js("arguments[0].scrollIntoView({block: 'start'})", element);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, element.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Saves what the browser shows now as {@code target/screenshots/NAME.png} (the docs pick theirs from there). */
    public Path screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }
}
