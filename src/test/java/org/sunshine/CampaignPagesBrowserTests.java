package org.sunshine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;

import tools.jackson.databind.JsonNode;

/**
 * A follower on a phone-sized headless Chromium, in English and in Spanish: follows an organization on its page
 * {@code /o/{slug}}, confirms from the email, gets the organization's call and answers it on {@code /r/{token}},
 * then changes the answer. No page needs JavaScript or scrolls sideways. Screenshots go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=target/no-feeds.yml", "sunshine.outbox-dir=target/test-outbox/campaign-browser",
		"spring.mail.host=localhost", "sunshine.admin.password=test-admin" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class CampaignPagesBrowserTests {

	static final String PUBLIC_URL = "https://sunshine.example.org";

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target/screenshots");

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("sunshine.public-url", () -> PUBLIC_URL);
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Meetings meetings;

	@Autowired
	MutableClock clock;

	WebDriver browser;

	String language;

	@BeforeEach
	void chromiumIsThere() {
		if (System.getenv("CI") == null) {
			assumeTrue(Files.isExecutable(CHROMEDRIVER), "Debian's chromium-driver is not installed");
		}
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@ParameterizedTest(name = "in {0}")
	@ValueSource(strings = { "en", "es" })
	void followConfirmAndAnswerACallOnAPhone(String language) throws Exception {
		this.language = language;
		ResourceBundle text = ResourceBundle.getBundle("i18n/messages", Locale.forLanguageTag(language));
		String slug = "network-" + language;
		String name = "Key West Immigrant Support Network " + language.toUpperCase();
		RestClient admin = RestClient.builder().baseUrl("http://localhost:" + port)
			.defaultHeaders(headers -> headers.setBasicAuth("admin", "test-admin")).build();
		String token = admin.post().uri("/api/admin/organizations").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("slug", slug, "name", name, "languages", List.of("en", "es"))).retrieve().body(JsonNode.class)
			.get("organizerToken").asString();
		String email = "vecino-" + language + "@example.org";
		browser = chromium(language);

		browser.get("http://localhost:" + port + "/o/" + slug);
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(name);
		assertThat(browser.findElement(By.cssSelector("p.lead")).getText())
			.isEqualTo(MessageFormat.format(text.getString("organization.lead"), name));
		fitsThePhone();
		browser.findElement(By.id("email")).sendKeys(email);
		screenshot("1-follow");
		submit(By.cssSelector("form button[type=submit]"));
		assertThat(browser.findElement(By.cssSelector("main .notice")).getText()).isEqualTo(text.getString("subscribed.email"));
		screenshot("2-check-your-email");

		browser.get("http://localhost:" + port + link(email, "/f/[A-Za-z0-9_-]+/confirm"));
		assertThat(consent(email)).as("opening the link confirms nothing").isEqualTo("PENDING");
		fitsThePhone();
		screenshot("3-confirm");
		submit(By.cssSelector("form button[type=submit]"));
		assertThat(browser.findElement(By.cssSelector("main .notice")).getText())
			.isEqualTo(MessageFormat.format(text.getString("follow.confirm.done"), name));
		assertThat(consent(email)).isEqualTo("CONFIRMED");

		long meeting = meeting(language);
		assertThat(RestClient.create("http://localhost:" + port).post().uri("/api/organizer/campaigns")
			.headers(headers -> headers.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("meetingId", meeting, "ask", "speak", "message",
					Map.of("en", "Speak for your neighbours.", "es", "Hable por sus vecinos.")))
			.retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(201);

		browser.get("http://localhost:" + port + link(email, "/r/[A-Za-z0-9_-]+"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text.getString("rsvp.ask.speak"));
		assertThat(browser.findElement(By.cssSelector("p.lead")).getText()).isEqualTo(name);
		assertThat(browser.findElement(By.id("when")).getText()).contains("2025").contains("EDT");
		fitsThePhone();
		screenshot("4-rsvp");
		submit(By.xpath("//button[normalize-space()='" + text.getString("rsvp.going") + "']"));
		assertThat(browser.findElement(By.id("answer")).getText()).isEqualTo(text.getString("rsvp.answer.going"));
		assertThat(answer(email)).isEqualTo("going");
		screenshot("5-going");
		submit(By.xpath("//button[normalize-space()='" + text.getString("rsvp.notGoing") + "']"));
		assertThat(browser.findElement(By.id("answer")).getText()).isEqualTo(text.getString("rsvp.answer.not-going"));
		assertThat(answer(email)).as("an answer can be changed").isEqualTo("not-going");
		screenshot("6-changed");
	}

	private long meeting(String language) {
		String id = "browser-" + language;
		meetings.reconcile("browser", List.of(new MeetingSnapshot("browser", id, "City of Key West", "City Commission",
				"Special Meeting", clock.instant().plus(Duration.ofDays(5)), ZoneId.of("America/New_York"),
				"City Hall, 1300 White Street", MeetingStatus.SCHEDULED, null, null,
				"Public comment: sign up at the door.", List.of())));
		return jdbc.sql("select id from meeting where source_id = ?").param(id).query(Long.class).single();
	}

	/** Nothing wider than the phone: a page that scrolls sideways is hard to read and to tap. */
	private void fitsThePhone() {
		Object overflow = ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
	}

	private void submit(By target) {
		var page = browser.findElement(By.tagName("html"));
		browser.findElement(target).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
			try {
				page.isEnabled();
				return false;
			}
			catch (WebDriverException gone) {
				return "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState"));
			}
		});
	}

	private WebDriver chromium(String language) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
				"--window-size=360,800", "--lang=" + language);
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort().build();
		return new ChromeDriver(service, options);
	}

	/** The path of the first link matching {@code path} in any email to {@code email}, newest first. */
	private String link(String email, String path) throws Exception {
		Pattern pattern = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(" + path + ")");
		await().atMost(Duration.ofSeconds(20)).until(() -> find(email, pattern) != null);
		return find(email, pattern);
	}

	private String find(String email, Pattern pattern) throws Exception {
		String found = null;
		for (MimeMessage message : mail.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().equals(email)) {
				Matcher link = pattern.matcher(Mails.plainText(message));
				found = link.find() ? link.group(1) : found;
			}
		}
		return found;
	}

	private void screenshot(String step) throws Exception {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.createDirectories(SCREENSHOTS);
		Files.copy(shot.toPath(), SCREENSHOTS.resolve("campaign-" + language + "-" + step + ".png"),
				StandardCopyOption.REPLACE_EXISTING);
	}

	private String consent(String email) {
		return jdbc.sql("select consent from follower_contact where address_hash = ?").param(Sealed.hash(email)).query(String.class).single();
	}

	private String answer(String email) {
		return jdbc.sql("""
				select r.answer from rsvp r join follower_contact c on c.follower_id = r.follower_id where c.address_hash = ?""")
			.param(Sealed.hash(email)).query(String.class).single();
	}

}
