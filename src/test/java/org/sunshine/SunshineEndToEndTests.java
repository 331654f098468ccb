package org.sunshine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The story Sunshine was born from, driven through the running application: Key West's Legistar (WireMock
 * serving Legistar-shaped responses) gains a special meeting about the 287(g) agreement; the subscriber
 * who follows "287(g)" gets one email (GreenMail, a real SMTP server) and one SMS (Twilio's REST API
 * stood in by WireMock, reached through the real SDK), nobody else gets anything, and a move of the
 * meeting brings a new alert with the new time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class SunshineEndToEndTests {

	static final Instant NOW = Instant.parse("2025-07-03T14:00:00Z");

	static final String PUBLIC_URL = "https://sunshine.example.org";

	static final com.icegreen.greenmail.util.ServerSetup SMTP = Mails.smtpOnFreePort();

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(SMTP);

	@RegisterExtension
	static WireMockExtension legistar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	static Path config;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		Path feeds = config.resolve("feeds.yml");
		Files.writeString(feeds, """
				feeds:
				  - id: key-west
				    name: City of Key West
				    type: legistar
				    url: http://localhost:%d/v1/keywest
				    timezone: America/New_York
				    every: 15m
				""".formatted(legistar.getPort()));
		registry.add("sunshine.feeds-file", feeds::toString);
		registry.add("sunshine.outbox-dir", () -> config.resolve("outbox").toString());
		registry.add("sunshine.admin.password", () -> "test-admin");
		registry.add("sunshine.public-url", () -> PUBLIC_URL);
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> SMTP.getPort());
		registry.add("sunshine.sms.twilio.account-sid", () -> "AC00000000000000000000000000000001");
		registry.add("sunshine.sms.twilio.auth-token", () -> "twilio-test-token");
		registry.add("sunshine.sms.twilio.from", () -> "+13055550100");
		registry.add("sunshine.sms.twilio.api-base-url", () -> "http://localhost:" + twilio.getPort());
	}

	@TestConfiguration
	static class Time {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(NOW);
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	RestClient api;

	RestClient admin;

	@BeforeEach
	void setUp() {
		api = RestClient.builder().baseUrl("http://localhost:" + port).build();
		admin = RestClient.builder().baseUrl("http://localhost:" + port)
			.defaultHeaders(headers -> headers.setBasicAuth("admin", "test-admin")).build();
		twilio.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json"))
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
					{"sid": "SM0123456789abcdef0123456789abcdef", "status": "queued", "num_segments": "1",
					 "account_sid": "AC00000000000000000000000000000001", "direction": "outbound-api",
					 "date_created": "Thu, 03 Jul 2025 14:00:00 +0000", "uri": "/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/SM0123456789abcdef0123456789abcdef.json"}""")));
	}

	@Test
	void specialMeetingAbout287gReachesItsFollowerOnceByEmailAndSmsAndAMoveBringsTheNewTime(CapturedOutput log)
			throws Exception {
		subscribe(Map.of("email", "resident@example.org", "phone", "+1 305 555 0123", "interests", List.of("287(g)")));
		subscribe(Map.of("email", "gardener@example.org", "interests", List.of("stormwater")));
		// Double opt-in: each follows the link in their confirmation email; the resident also texts YES.
		List<MimeMessage> confirmations = awaitEmails(2);
		assertThat(awaitSms(1).get(0)).contains("YES");
		for (MimeMessage confirmation : confirmations) {
			confirmByLink(Mails.plainText(confirmation));
		}
		replyYes("+13055550123");

		// The calendar holds a regular meeting about other things: nobody follows it.
		publish(LegistarFixtures.array(regularMeeting()), Map.of(4101, LegistarFixtures.array(
				LegistarFixtures.item(9001, 4101, 1, "1", "Approval of minutes of the June 17, 2025 meeting", "MIN 25-06"))));
		poll();
		assertThat(outboxCount()).isZero();

		// The special meeting appears, with the 287(g) resolution on its agenda.
		publish(LegistarFixtures.array(regularMeeting(), specialMeeting("5:00 PM")), Map.of(
				4101, LegistarFixtures.array(
						LegistarFixtures.item(9001, 4101, 1, "1", "Approval of minutes of the June 17, 2025 meeting", "MIN 25-06")),
				4102, specialAgenda()));
		poll();

		List<MimeMessage> emails = awaitAlertEmails(1);
		assertThat(emails).hasSize(1);
		MimeMessage email = emails.get(0);
		assertThat(email.getAllRecipients()[0].toString()).isEqualTo("resident@example.org");
		String text = Mails.plainText(email);
		assertThat(email.getSubject()).contains("City Commission").contains("Tue, Jul 8, 2025, 5:00 PM EDT");
		assertThat(text).contains("City of Key West").contains("City Commission")
			.contains("Tue, Jul 8, 2025, 5:00 PM EDT").contains("City Hall, 1300 White Street")
			.contains("Res. 25-212").contains("287(g)");
		List<String> sms = awaitAlertSms(1);
		assertThat(sms.get(0)).contains("To=%2B13055550123").contains("From=%2B13055550100");
		String smsBody = body(sms.get(0));
		assertThat(smsBody).contains("SPECIAL MEETING").contains("City Commission").contains("Tue, Jul 8, 2025, 5:00 PM EDT")
			.contains("City Hall").contains("287").contains("STOP");

		// Polling again finds nothing new and sends nothing.
		poll();
		assertThat(outboxCount()).isEqualTo(2);

		// The meeting moves to 6 PM: a new alert says so, with the old and the new time.
		publish(LegistarFixtures.array(regularMeeting(), specialMeeting("6:00 PM")), Map.of(
				4101, LegistarFixtures.array(
						LegistarFixtures.item(9001, 4101, 1, "1", "Approval of minutes of the June 17, 2025 meeting", "MIN 25-06")),
				4102, specialAgenda()));
		poll();
		emails = awaitAlertEmails(2);
		String moved = Mails.plainText(emails.get(1));
		assertThat(emails.get(1).getSubject()).startsWith("Moved:").contains("6:00 PM EDT");
		assertThat(moved).contains("Tue, Jul 8, 2025, 5:00 PM EDT -> Tue, Jul 8, 2025, 6:00 PM EDT");
		sms = awaitAlertSms(2);
		assertThat(body(sms.get(1))).startsWith("MOVED:").contains("Now Tue, Jul 8, 2025, 6:00 PM EDT");

		assertThat(alertEmails()).hasSize(2)
			.allSatisfy(message -> assertThat(message.getAllRecipients()[0].toString()).isEqualTo("resident@example.org"));
		assertThat(emails.get(0).getHeader("List-Unsubscribe")[0]).startsWith("<" + PUBLIC_URL + "/s/");
		assertThat(emails.get(0).getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(calendarPart(emails.get(1))).contains("METHOD:PUBLISH").contains("SEQUENCE:1")
			.contains("DTSTART;TZID=America/New_York:20250708T180000");

		// Calendar apps can subscribe to all upcoming meetings.
		String feed = api.get().uri("/meetings.ics?feed=key-west").retrieve().body(String.class);
		biweekly.ICalendar calendar = biweekly.Biweekly.parse(feed).first();
		assertThat(calendar.getEvents()).extracting(event -> event.getDateStart().getValue().toInstant())
			.contains(Instant.parse("2025-07-08T22:00:00Z"), Instant.parse("2025-07-15T21:00:00Z"));
		assertThat(outboxCount()).isEqualTo(4);

		// Nothing personal reached Sunshine's log on the way (GreenMail, the test's mail server, logs its own users).
		String sunshineLog = SunshineLog.of(log);
		assertThat(sunshineLog).doesNotContain("resident@example.org").doesNotContain("gardener@example.org")
			.doesNotContain("3055550123").doesNotContain("twilio-test-token");
	}

	private tools.jackson.databind.node.ObjectNode regularMeeting() {
		return LegistarFixtures.event(4101, "City Commission", "2025-07-15", "5:00 PM",
				"City Hall, 1300 White Street\r\nCommission Chambers", "Regular meeting");
	}

	private tools.jackson.databind.node.ObjectNode specialMeeting(String time) {
		return LegistarFixtures.event(4102, "City Commission", "2025-07-08", time,
				"City Hall, 1300 White Street\r\nCommission Chambers",
				"Special Meeting. Public comment: sign up at the door or by email to the City Clerk.");
	}

	private String specialAgenda() {
		return LegistarFixtures.array(
				LegistarFixtures.item(9101, 4102, 1, "1", "Call to order", null),
				LegistarFixtures.item(9102, 4102, 2, "2",
						"A Resolution of the City Commission of the City of Key West, Florida, rescinding Resolution 25-180 "
								+ "and reinstating the 287 (g) Task Force Model agreement between the Key West Police "
								+ "Department and U.S. Immigration and Customs Enforcement; providing for an effective date",
						"Res. 25-212"));
	}

	private void publish(String events, Map<Integer, String> itemsByEvent) {
		legistar.resetAll();
		legistar.stubFor(get(urlPathEqualTo("/v1/keywest/events")).willReturn(okJson(events)));
		itemsByEvent.forEach((id, items) -> legistar
			.stubFor(get(urlPathEqualTo("/v1/keywest/events/" + id + "/eventitems")).willReturn(okJson(items))));
	}

	private void subscribe(Map<String, Object> request) {
		HttpStatusCode status = api.post().uri("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
			.body(request).retrieve().toBodilessEntity().getStatusCode();
		assertThat(status.value()).isEqualTo(202);
	}

	private void poll() {
		String health = admin.post().uri("/api/admin/feeds/key-west/poll").retrieve().body(String.class);
		assertThat(health).contains("\"consecutiveFailures\":0");
	}

	/** The text/calendar part of an email, with its method= parameter checked against its METHOD. */
	private static String calendarPart(MimeMessage message) throws Exception {
		jakarta.mail.Multipart mixed = (jakarta.mail.Multipart) message.getContent();
		for (int i = 0; i < mixed.getCount(); i++) {
			jakarta.mail.BodyPart part = mixed.getBodyPart(i);
			if (part.isMimeType("text/calendar")) {
				String ics = new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(part.getContentType()).containsIgnoringCase("method=PUBLISH");
				return ics;
			}
		}
		throw new AssertionError("no text/calendar part");
	}

	private int outboxCount() {
		return jdbc.sql("select count(*) from notification where kind <> 'confirm'").query(Integer.class).single();
	}

	private void confirmByLink(String email) throws Exception {
		java.util.regex.Matcher link = java.util.regex.Pattern.compile(PUBLIC_URL + "(/s/[A-Za-z0-9_-]+/confirm)").matcher(email);
		assertThat(link.find()).isTrue();
		WebClient browser = new WebClient("http://localhost:" + port);
		assertThat(browser.get(link.group(1)).statusCode()).isEqualTo(200);
		assertThat(browser.submit(link.group(1), Map.of()).body()).contains("Confirmed");
	}

	private void replyYes(String number) throws Exception {
		Map<String, String> form = Map.of("From", number, "To", "+13055550100", "Body", "yes ");
		String signature = TwilioSignatures.sign("twilio-test-token", PUBLIC_URL + "/webhooks/twilio/sms", form);
		var response = new WebClient("http://localhost:" + port).post("/webhooks/twilio/sms", form,
				Map.of("X-Twilio-Signature", signature));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("subscribed");
	}

	private List<MimeMessage> alertEmails() throws Exception {
		List<MimeMessage> alerts = new java.util.ArrayList<>();
		for (MimeMessage message : mail.getReceivedMessages()) {
			if (!message.getSubject().startsWith("Please confirm")) {
				alerts.add(message);
			}
		}
		return alerts;
	}

	private List<MimeMessage> awaitAlertEmails(int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> alertEmails().size() >= count);
		return org.assertj.core.util.Lists.newArrayList(uncheck(this::alertEmails));
	}

	private List<String> awaitAlertSms(int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> alertSms().size() >= count);
		return alertSms();
	}

	private List<String> alertSms() {
		return twilio.findAll(postRequestedFor(urlPathMatching("/2010-04-01/.*"))).stream()
			.map(LoggedRequest::getBodyAsString).filter(body -> !body(body).contains("reply YES")).toList();
	}

	private static <T> T uncheck(java.util.concurrent.Callable<T> call) {
		try {
			return call.call();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private List<MimeMessage> awaitEmails(int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> mail.getReceivedMessages().length >= count);
		return List.of(mail.getReceivedMessages());
	}

	private List<String> awaitSms(int count) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> twilio.findAll(postRequestedFor(urlPathMatching("/2010-04-01/.*"))).size() >= count);
		return twilio.findAll(postRequestedFor(urlPathMatching("/2010-04-01/.*"))).stream()
			.map(LoggedRequest::getBodyAsString).toList();
	}

	private static String body(String form) {
		for (String pair : form.split("&")) {
			if (pair.startsWith("Body=")) {
				return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("no Body in " + form);
	}

}
