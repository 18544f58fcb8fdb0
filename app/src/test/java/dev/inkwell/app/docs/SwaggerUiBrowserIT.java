package dev.inkwell.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.app.RunningJar;

/**
 * Swagger UI of the packaged jar in a real browser (Debian's chromium, headless, through its chromedriver; the test
 * command installs both): expand GET /api/users/{id}, try it out on a seeded user, and see the JSON
 * answer on the page. The screenshot is saved as app/target/swagger-ui.png.
 */
class SwaggerUiBrowserIT {

  final JdbcTemplate jdbc = RunningJar.database();

  @Test
  void getUserByIdRunsFromSwaggerUi(@TempDir Path profile) throws Exception {
    assertThat(new File("/usr/bin/chromium")).as("chromium (installed by scripts/test.sh)").exists();
    assertThat(new File("/usr/bin/chromedriver")).as("chromedriver (installed by scripts/test.sh)").exists();
    jdbc.update("DELETE FROM users WHERE email = 'swagger@example.com'");
    int id = jdbc.queryForObject("INSERT INTO users (email, name) VALUES ('swagger@example.com', 'Swagger User') RETURNING id", Integer.class);
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,2000",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort().build();
    try (RunningJar jar = RunningJar.start("swagger-ui")) {
      WebDriver browser = new ChromeDriver(service, options);
      try {
        executeGetUserById(browser, jar.baseUrl(), id);
      } finally {
        browser.quit();
      }
    }
  }

  private static void executeGetUserById(WebDriver browser, String baseUrl, int id) throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(baseUrl + "/swagger-ui.html");
    // The GET /api/users/{id} block, found by its method and path as a user would.
    By block = By.xpath("//div[contains(@class,'opblock-get')][.//*[@data-path='/api/users/{id}']]");
    wait.until(ExpectedConditions.elementToBeClickable(block)).findElement(By.cssSelector(".opblock-summary")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'opblock-get')][.//*[@data-path='/api/users/{id}']]//button[contains(@class,'try-out__btn')]"))).click();
    WebElement idInput = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//div[contains(@class,'opblock-get')][.//*[@data-path='/api/users/{id}']]//input[@placeholder='id']")));
    idInput.sendKeys(Integer.toString(id));
    browser.findElement(block).findElement(By.cssSelector(".execute")).click();
    // The live response (not the curl line above it, also highlighted code).
    By responseBody = By.xpath("//div[contains(@class,'opblock-get')][.//*[@data-path='/api/users/{id}']]"
        + "//table[contains(@class,'live-responses-table')]//td[contains(@class,'response-col_description')]"
        + "//*[contains(@class,'microlight')]");
    WebElement body;
    try {
      body = wait.until(ExpectedConditions.visibilityOfElementLocated(responseBody));
      wait.until(ExpectedConditions.textToBePresentInElement(body, "swagger@example.com"));
    } finally {
      Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, Path.of("target", "swagger-ui.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    assertThat(body.getText()).contains("\"email\": \"swagger@example.com\"").contains("\"name\": \"Swagger User\"");
  }
}
