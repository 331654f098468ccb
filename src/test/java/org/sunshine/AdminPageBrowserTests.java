package org.sunshine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.feed.catalogue.FeedCatalogue;

/**
 * The admin page as an admin uses it on a phone: feeds with their health and poll-now, the refused catalogue
 * edit with its line and column, failed messages retried or dropped — and never a resident's address or number.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class AdminPageBrowserTests {

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final String PASSWORD = "admin-page-test";

	static final String EMAIL = "resident.private@example.org";

	static final String PHONE = "+13055550177";

	@TempDir
	static Path dir;

	static Path feeds;

	static String catalogue;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		feeds = dir.resolve("feeds.yml");
		catalogue = """
				feeds:
				  - id: unreachable
				    name: Unreachable City
				    type: rss
				    url: http://localhost:%d/feed.xml
				    timezone: America/New_York
				    every: 15m
				""".formatted(closedPort());
		Files.writeString(feeds, catalogue);
		registry.add("sunshine.feeds-file", feeds::toString);
		registry.add("sunshine.outbox-dir", () -> dir.resolve("outbox").toString());
		registry.add("sunshine.admin.password", () -> PASSWORD);
	}

	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FeedCatalogue feedCatalogue;

	WebDriver browser;

	final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theAdminPageNeedsTheAdminAndShowsCountsButNoContactData() throws Exception {
		String signUp = "{\"email\":\"" + EMAIL + "\",\"phone\":\"" + PHONE + "\",\"interests\":[\"police\"]}";
		assertThat(http.send(HttpRequest.newBuilder(uri("/api/subscriptions")).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(signUp)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
			.isEqualTo(202);
		await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from notification where status = 'SENT'") >= 2);
		jdbc.sql("update contact_point set consent = 'CONFIRMED'").update();
		// Written past the subscription module: tell the journal of interest changes as it would.
		jdbc.sql("insert into interest_change (subscriber_id, changed_at) select id, current_timestamp from subscriber").update();
		failedMessage("sms-refused", "SMS", PHONE, "rejected 21211: not a valid phone number");

		assertThat(page(null).statusCode()).isEqualTo(401);
		assertThat(page("admin:wrong").statusCode()).isEqualTo(401);
		HttpResponse<String> page = page("admin:" + PASSWORD);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("rejected 21211: not a valid phone number").contains("Unreachable City");
		assertThat(page.body()).containsPattern("<dd id=\"subscribers\">[1-9]").contains("Confirmed phone numbers");
		assertThat(page.body()).doesNotContain(EMAIL).doesNotContain("resident.private").doesNotContain("5550177")
			.doesNotContain("555-0177");
	}

	@Test
	void onAPhoneTheAdminPollsAFeedSeesTheRefusedEditAndRetriesAndDropsFailedMessages() throws Exception {
		if (System.getenv("CI") == null) {
			assumeTrue(Files.isExecutable(CHROMEDRIVER), "Debian's chromium-driver is not installed");
		}
		long retried = failedMessage("mail-down", "EMAIL", "someone@example.org", "gave up after 60 attempts: 421 try later");
		long dropped = failedMessage("mail-bounced", "EMAIL", "other@example.org", "rejected 550: no such user");
		Files.writeString(feeds, catalogue.replace("    type: rss", "   type: rss"));
		assertThat(feedCatalogue.reloadIfChanged()).isFalse();

		browser = chromium();
		browser.get("http://admin:" + PASSWORD + "@localhost:" + port + "/admin");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Admin");
		assertThat(browser.findElement(By.id("catalogue")).getText()).contains("not valid YAML at line 4, column 4");
		assertThat(fitsTheScreen()).isTrue();
		screenshot("1-admin");

		browser.findElement(By.cssSelector("#feed-unreachable button")).click();
		await().atMost(Duration.ofSeconds(30)).until(() -> browser.getCurrentUrl().contains("notice="));
		assertThat(browser.findElement(By.cssSelector("#feed-unreachable .state")).getText()).contains("failing");
		assertThat(browser.findElement(By.cssSelector("#feed-unreachable")).getText()).contains("cannot reach localhost: offline?");
		screenshot("2-polled");

		browser.findElement(By.cssSelector("#message-" + retried + " button.secondary")).click();
		await().atMost(Duration.ofSeconds(30)).until(() -> browser.getPageSource().contains("will be sent again"));
		assertThat(status(retried)).isIn("PENDING", "CLAIMED", "SENDING", "SENT");
		browser.findElement(By.cssSelector("#message-" + dropped + " button.danger")).click();
		await().atMost(Duration.ofSeconds(30)).until(() -> browser.getPageSource().contains("dropped"));
		assertThat(status(dropped)).isEqualTo("DROPPED");
		assertThat(browser.findElements(By.id("message-" + dropped))).isEmpty();
		screenshot("3-dropped");
		await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(status(retried)));
	}

	private long failedMessage(String key, String channel, String destination, String reason) {
		jdbc.sql("""
				insert into notification (idempotency_key, channel, destination, kind, subject, body_text, status, attempts,
				    next_attempt_at, created_at, last_error)
				values (?, ?, ?, 'confirm', 'Please confirm', 'Confirm here', 'FAILED', 3, ?, ?, ?)""")
			.params(key, channel, destination, TestClockConfiguration.NOW.atOffset(ZoneOffset.UTC),
					TestClockConfiguration.NOW.atOffset(ZoneOffset.UTC), reason)
			.update();
		return jdbc.sql("select id from notification where idempotency_key = ?").param(key).query(Long.class).single();
	}

	private String status(long id) {
		return jdbc.sql("select status from notification where id = ?").param(id).query(String.class).single();
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private HttpResponse<String> page(String credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/admin")).GET();
		if (credentials != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	/** Nothing wider than the phone's screen: no sideways scrolling. */
	private boolean fitsTheScreen() {
		Object fits = ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
		return Boolean.TRUE.equals(fits);
	}

	private WebDriver chromium() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
				"--window-size=360,800", "--lang=en");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort().build();
		return new ChromeDriver(service, options);
	}

	private void screenshot(String step) throws Exception {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Path folder = Path.of("target/screenshots");
		Files.createDirectories(folder);
		Files.copy(shot.toPath(), folder.resolve("admin-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
