package org.sunshine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;

/**
 * A resident on a phone-sized headless Chromium (Debian's chromium + chromium-driver, driven by Selenium):
 * sign up, confirm from the link in the email, manage, unsubscribe — in English and, with a Spanish
 * browser, in Spanish; open a meeting's page, follow its body and meet an error page in English, Spanish and Haitian
 * Creole. A screenshot of each page is saved under target/screenshots/, and axe-core checks each page for
 * accessibility violations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=src/test/resources/org/sunshine/web/feeds.yml", "sunshine.outbox-dir=target/test-outbox/browser",
		"spring.mail.host=localhost" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class ResidentJourneyBrowserTests {

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
	void signUpConfirmManageAndUnsubscribeOnAPhone(String language) throws Exception {
		this.language = language;
		browser = chromium(language);
		ResourceBundle text = ResourceBundle.getBundle("i18n/messages", Locale.forLanguageTag(language));
		String email = "vecina-" + language + "@example.org";

		browser.get("http://localhost:" + port + "/");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text.getString("signup.title"));
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
		browser.findElement(By.id("interests")).sendKeys("287(g), immigration");
		browser.findElement(By.id("email")).sendKeys(email);
		screenshot("1-signup");
		submit(By.cssSelector("form button[type=submit]"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text.getString("subscribed.title"));
		screenshot("2-check-your-email");

		String link = confirmationLink(email);
		browser.get("http://localhost:" + port + link + "/confirm");
		assertThat(consent(email)).as("opening the link confirms nothing").isEqualTo("PENDING");
		screenshot("3-confirm");
		submit(By.cssSelector("form button[type=submit]"));
		assertThat(browser.findElement(By.cssSelector("main .notice")).getText()).isEqualTo(text.getString("confirm.done"));
		assertThat(consent(email)).isEqualTo("CONFIRMED");
		screenshot("4-confirmed");

		submit(By.cssSelector("main a.button"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text.getString("manage.title"));
		browser.findElement(By.id("interests")).sendKeys("\nstormwater");
		screenshot("5-manage");
		submit(By.cssSelector("form button[type=submit]"));
		assertThat(browser.findElement(By.cssSelector("main .notice")).getText()).isEqualTo(text.getString("manage.saved"));
		assertThat(terms(email)).isEqualTo("287(g)\nimmigration\nstormwater");

		submit(By.linkText(text.getString("manage.unsubscribe")));
		screenshot("6-unsubscribe");
		submit(By.xpath("//button[normalize-space()='" + text.getString("unsubscribe.everything") + "']"));
		assertThat(browser.findElement(By.cssSelector("main .notice")).getText()).isEqualTo(text.getString("unsubscribe.done"));
		assertThat(consent(email)).isEqualTo("OPTED_OUT");
		screenshot("7-unsubscribed");
	}

	@ParameterizedTest(name = "in {0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void openAMeetingFollowItsBodyAndMeetAnErrorPage(String language) throws Exception {
		this.language = language;
		browser = chromium(language);
		ResourceBundle text = ResourceBundle.getBundle("i18n/messages", Locale.forLanguageTag(language));
		meetings.reconcile("key-west", List.of(new MeetingSnapshot("key-west", "browser-" + language, "City of Key West",
				"City Commission", "Special Meeting", Instant.parse("2025-07-08T21:00:00Z"), ZoneId.of("America/New_York"),
				"City Hall, 1300 White Street\nCommission Chambers", MeetingStatus.SCHEDULED,
				"https://keywest.legistar.com/agenda.pdf", null, null,
				List.of(new AgendaItemSnapshot("9102", "2.", "2. A Resolution reinstating the 287(g) Task Force Model agreement",
						null, "Res. 25-212", List.of("https://keywest.legistar.com/docs/Staff_Report_287g.pdf"))))));

		browser.get("http://localhost:" + port + "/meetings");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
		screenshot("meetings");
		submit(By.cssSelector("ul.meetings li h2 a"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).contains("City Commission");
		assertThat(browser.findElement(By.cssSelector(".flag.special")).getText()).isEqualTo(text.getString("meeting.special"));
		assertThat(browser.findElement(By.cssSelector("#agenda li")).getText()).startsWith("2. A Resolution")
			.doesNotContain("2. 2.");
		screenshot("meeting");

		String email = "follower-" + language + "@example.org";
		browser.findElement(By.id("follow-body")).click();
		browser.findElement(By.id("email")).sendKeys(email);
		submit(By.cssSelector("#follow form button[type=submit]"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text.getString("subscribed.title"));
		screenshot("followed");
		assertThat(jdbc.sql("select i.body from interest i join contact_point c on c.subscriber_id = i.subscriber_id where c.address_hash = ?")
			.param(Sealed.hash(email)).query(String.class).single()).isEqualTo("City Commission");

		browser.get("http://localhost:" + port + "/meetings/999999");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text.getString("error.404.title"));
		assertThat(browser.getPageSource()).doesNotContain("Whitelabel");
		screenshot("not-found");
	}

	/** Clicks and waits for the next page, as a person would before reading it. */
	private void submit(By target) {
		var page = browser.findElement(By.tagName("html"));
		browser.findElement(target).click();
		// The old page is gone once its root can no longer be read; Chromium reports that as "stale" or as a
		// node that "does not belong to the document", depending on timing.
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

	private String confirmationLink(String email) throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> confirmationFor(email) != null);
		Matcher link = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/s/[A-Za-z0-9_-]+)/confirm")
			.matcher(Mails.plainText(confirmationFor(email)));
		assertThat(link.find()).isTrue();
		return link.group(1);
	}

	private MimeMessage confirmationFor(String email) throws Exception {
		return Mails.firstTo(mail.getReceivedMessages(), email);
	}

	/** Saves what the resident sees, and has axe-core check the page: no accessibility violation passes. */
	private void screenshot(String step) throws Exception {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.createDirectories(SCREENSHOTS);
		Files.copy(shot.toPath(), SCREENSHOTS.resolve(language + "-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
		assertThat(axeViolations()).as("axe-core on " + step + " (" + language + "): " + browser.getCurrentUrl()).isEqualTo("[]");
	}

	/** axe-core's violations on the current page, as JSON: rule, impact and the elements at fault. */
	private String axeViolations() throws Exception {
		JavascriptExecutor page = (JavascriptExecutor) browser;
		page.executeScript(axeScript());
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		return String.valueOf(page.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { resultTypes: ['violations'] })
				  .then(result => done(JSON.stringify(result.violations.map(v => ({ id: v.id, impact: v.impact,
				    nodes: v.nodes.map(n => n.target.join(' ')) })))))
				  .catch(error => done('axe failed: ' + error));"""));
	}

	private static String axeScript;

	/** axe-core as published on npm (axe-core 4.14.1, MPL-2.0), kept under src/test/resources/axe-core/. */
	private static synchronized String axeScript() throws Exception {
		if (axeScript == null) {
			try (var in = ResidentJourneyBrowserTests.class.getResourceAsStream("/axe-core/axe.min.js")) {
				axeScript = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			}
		}
		return axeScript;
	}

	private String consent(String email) {
		return jdbc.sql("select consent from contact_point where address_hash = ?").param(Sealed.hash(email)).query(String.class).single();
	}

	private String terms(String email) {
		return jdbc.sql("select i.terms from interest i join contact_point c on c.subscriber_id = i.subscriber_id where c.address_hash = ?")
			.param(Sealed.hash(email)).query(String.class).single();
	}

}
