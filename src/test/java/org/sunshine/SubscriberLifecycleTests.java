package org.sunshine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import org.sunshine.subscription.Subscriptions;

/**
 * A resident's life with Sunshine without an account: confirm, manage, leave, and text keywords — each
 * change only by a deliberate POST, and consent honoured up to the moment a message leaves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=target/no-feeds.yml", "sunshine.outbox-dir=target/test-outbox/lifecycle" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class SubscriberLifecycleTests {

	static final String PUBLIC_URL = "https://alerts.example.org";

	static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/s/[A-Za-z0-9_-]+)/confirm");

	static final com.icegreen.greenmail.util.ServerSetup SMTP = Mails.smtpOnFreePort();

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(SMTP);

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("sunshine.public-url", () -> PUBLIC_URL);
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> SMTP.getPort());
		registry.add("sunshine.sms.twilio.account-sid", () -> "AC00000000000000000000000000000003");
		registry.add("sunshine.sms.twilio.auth-token", () -> "lifecycle-token");
		registry.add("sunshine.sms.twilio.from", () -> "+13055550100");
		registry.add("sunshine.sms.twilio.api-base-url", () -> "http://localhost:" + twilio.getPort());
	}

	static final AtomicInteger counter = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Meetings meetings;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	MutableClock clock;

	WebClient browser;

	@BeforeEach
	void setUp() {
		clock.set(TestClockConfiguration.NOW);
		browser = new WebClient("http://localhost:" + port);
		twilio.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json").withBody("{\"sid\": \"SM" + "2".repeat(32) + "\", \"status\": \"queued\"}")));
	}

	@Test
	void getOfTheConfirmLinkConfirmsNothingOnlyThePostDoes() throws Exception {
		String email = nextEmail();
		String link = signUpAndGetLink(email);

		HttpResponse<String> page = browser.get(link + "/confirm");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<form method=\"post\"").contains("name=\"_csrf\"");
		assertThat(consent(email)).isEqualTo("PENDING");

		assertThat(browser.submit(link + "/confirm", Map.of()).body()).contains("Confirmed.");
		assertThat(consent(email)).isEqualTo("CONFIRMED");
		assertThat(jdbc.sql("select consent_method, consent_source from contact_point where address_hash = ?").param(Sealed.hash(email))
			.query((rs, row) -> rs.getString(1) + " " + Sealed.open(rs.getString(2))).single()).startsWith("email-link web ");

		// A double click changes nothing and says so.
		browser.get(link + "/confirm");
		assertThat(browser.submit(link + "/confirm", Map.of()).body()).contains("already confirmed");
	}

	@Test
	void confirmPostWithoutTheFormsCsrfTokenIsRefused() throws Exception {
		String email = nextEmail();
		String link = signUpAndGetLink(email);
		assertThat(new WebClient("http://localhost:" + port).post(link + "/confirm", Map.of(), Map.of()).statusCode()).isEqualTo(403);
		assertThat(consent(email)).isEqualTo("PENDING");
	}

	@Test
	void prefetchingScannerCannotUnsubscribeButOneClickPostDoes() throws Exception {
		String email = nextEmail();
		String link = confirmedSubscriber(email);

		assertThat(browser.get(link + "/unsubscribe").statusCode()).isEqualTo(200);
		assertThat(consent(email)).isEqualTo("CONFIRMED");

		// RFC 8058: the mail provider POSTs, without cookies or CSRF token, and gets a 200, not a redirect.
		HttpResponse<String> oneClick = new WebClient("http://localhost:" + port)
			.post(link + "/unsubscribe", Map.of("List-Unsubscribe", "One-Click"), Map.of());
		assertThat(oneClick.statusCode()).isEqualTo(200);
		assertThat(consent(email)).isEqualTo("OPTED_OUT");
	}

	@Test
	void unsubscribePageOffersOneTermOrEverything() throws Exception {
		String email = nextEmail();
		String link = confirmedSubscriber(email, "287(g)", "stormwater");
		assertThat(browser.get(link + "/unsubscribe").body()).contains("287(g)").contains("stormwater");

		browser.submit(link + "/unsubscribe", Map.of("scope", "term", "term", "stormwater"));
		assertThat(terms(email)).isEqualTo("287(g)");
		assertThat(consent(email)).isEqualTo("CONFIRMED");

		browser.get(link + "/unsubscribe");
		browser.submit(link + "/unsubscribe", Map.of("scope", "everything"));
		assertThat(consent(email)).isEqualTo("OPTED_OUT");
	}

	@Test
	void forgedOrUnknownTokensGetANotFoundPageAndChangeNothing() throws Exception {
		for (String token : List.of("not-a-token", "A".repeat(43), "../../etc/passwd")) {
			assertThat(browser.get("/s/" + token).statusCode()).isIn(404, 400);
			assertThat(new WebClient("http://localhost:" + port)
				.post("/s/" + token + "/unsubscribe", Map.of("List-Unsubscribe", "One-Click"), Map.of()).statusCode()).isIn(404, 400);
		}
		assertThat(browser.get("/s/" + "B".repeat(43)).body()).contains("This link does not work");
	}

	@Test
	void unconfirmedSignUpExpires() throws Exception {
		String email = nextEmail();
		String link = signUpAndGetLink(email);
		clock.advance(Duration.ofHours(73));

		browser.get(link + "/confirm");
		assertThat(browser.submit(link + "/confirm", Map.of()).body()).contains("expired");
		assertThat(consent(email)).isEqualTo("PENDING");

		subscriptions.expireUnconfirmed();
		assertThat(jdbc.sql("select count(*) from contact_point where address_hash = ?").param(Sealed.hash(email)).query(Integer.class).single()).isZero();
	}

	@Test
	void manageExportRotateAndDeleteWithoutAnAccount() throws Exception {
		String email = nextEmail();
		String link = confirmedSubscriber(email);

		assertThat(browser.get(link).body()).contains(email).contains("287(g)");
		HttpResponse<String> saved = browser.submit(link, Map.of("interests", "287(g)\nimmigration", "language", "es",
				"delivery", "daily", "quietFrom", "22:00", "quietTo", "07:00", "email", "true", "emailShown", "true",
				"digestHour", "18"));
		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(terms(email)).isEqualTo("287(g)\nimmigration");
		assertThat(jdbc.sql("select language || ' ' || delivery || ' ' || quiet_from || ' ' || digest_hour from subscriber s join contact_point c on c.subscriber_id = s.id where c.address_hash = ?")
			.param(Sealed.hash(email)).query(String.class).single()).isEqualTo("es DAILY 22:00 18");

		HttpResponse<String> export = browser.get(link + "/export");
		assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
		assertThat(export.body()).contains(email).contains("immigration").contains("email-link");

		// Rotation: the old link stops working, the new one works.
		browser.get(link);
		HttpResponse<String> rotated = browser.submit(link + "/rotate", Map.of());
		assertThat(rotated.uri().getPath()).startsWith("/s/").isNotEqualTo(link);
		assertThat(browser.get(link).statusCode()).isEqualTo(404);
		String fresh = rotated.uri().getPath();
		assertThat(browser.get(fresh).statusCode()).isEqualTo(200);

		HttpResponse<String> calendar = browser.get(fresh + "/calendar.ics");
		assertThat(calendar.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/calendar"));
		assertThat(calendar.body()).startsWith("BEGIN:VCALENDAR").contains("METHOD:PUBLISH");
		assertThat(browser.get("/s/" + "C".repeat(43) + "/calendar.ics").statusCode()).isEqualTo(404);

		browser.get(fresh);
		browser.submit(fresh + "/delete", Map.of());
		assertThat(jdbc.sql("select count(*) from contact_point where address_hash = ?").param(Sealed.hash(email)).query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from notification where destination_hash = ?").param(Sealed.hash(email)).query(Integer.class).single()).isZero();
		assertThat(browser.get(fresh).statusCode()).isEqualTo(404);
	}

	@Test
	void afterStopNoSmsOfAnyKindGoesToTheNumberUntilStart() throws Exception {
		String number = "+1305555" + String.format("%04d", 1000 + counter.incrementAndGet());
		subscribe(Map.of("phone", number, "interests", List.of("sanctuary")));
		awaitSmsTo(number, 1);
		assertThat(text(number, "YES").body()).contains("subscribed");

		assertThat(text(number, "  Stop ").body()).doesNotContain("<Message>");
		assertThat(text(number, "HELP").body()).as("no answer of ours after STOP").doesNotContain("<Message>");
		int before = smsTo(number);
		announce("Sanctuary city policy discussion");
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> smsTo(number) == before);
		assertThat(jdbc.sql("select status from notification where destination_hash = ? and kind <> 'confirm'").param(Sealed.hash(number))
			.query(String.class).list()).doesNotContain("SENT", "PENDING");

		assertThat(text(number, "start").body()).contains("<Message>");
		announce("Sanctuary city policy vote");
		await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(number) > before);
	}

	@Test
	void keywordsWorkInAnyCaseAndInSpanish() throws Exception {
		String number = "+1305555" + String.format("%04d", 2000 + counter.incrementAndGet());
		subscribe(Map.of("phone", number, "interests", List.of("budget"), "language", "es"));
		assertThat(text(number, " ayuda").body()).contains("<Message>");
		assertThat(text(number, "Sí").body()).contains("<Message>");
		assertThat(jdbc.sql("select consent from contact_point where address_hash = ?").param(Sealed.hash(number)).query(String.class).single())
			.isEqualTo("CONFIRMED");
		text(number, "ALTO");
		assertThat(jdbc.sql("select count(*) from sms_opt_out where number_hash = ?").param(Sealed.hash(number)).query(Integer.class).single()).isOne();
	}

	@Test
	void webhooksWithAMissingOrWrongSignatureAreRefused() throws Exception {
		Map<String, String> form = Map.of("From", "+13055550999", "Body", "STOP");
		WebClient client = new WebClient("http://localhost:" + port);
		assertThat(client.post("/webhooks/twilio/sms", form, Map.of()).statusCode()).isEqualTo(403);
		assertThat(client.post("/webhooks/twilio/sms", form, Map.of("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")).statusCode()).isEqualTo(403);
		String signedForOtherUrl = TwilioSignatures.sign("lifecycle-token", "http://localhost:" + port + "/webhooks/twilio/sms", form);
		assertThat(client.post("/webhooks/twilio/sms", form, Map.of("X-Twilio-Signature", signedForOtherUrl)).statusCode()).isEqualTo(403);
		assertThat(client.post("/webhooks/twilio/status", Map.of("MessageSid", "SM1", "MessageStatus", "delivered"), Map.of()).statusCode())
			.isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from sms_opt_out where number_hash = '" + Sealed.hash("+13055550999") + "'").query(Integer.class).single()).isZero();
	}

	@Test
	void statusCallbackWithOptedOutErrorStopsTheNumber() throws Exception {
		String number = "+1305555" + String.format("%04d", 3000 + counter.incrementAndGet());
		Map<String, String> form = Map.of("MessageSid", "SM" + "3".repeat(32), "MessageStatus", "failed", "ErrorCode", "21610", "To", number);
		String signature = TwilioSignatures.sign("lifecycle-token", PUBLIC_URL + "/webhooks/twilio/status", form);
		assertThat(new WebClient("http://localhost:" + port).post("/webhooks/twilio/status", form, Map.of("X-Twilio-Signature", signature))
			.statusCode()).isEqualTo(204);
		assertThat(jdbc.sql("select count(*) from sms_opt_out where number_hash = ?").param(Sealed.hash(number)).query(Integer.class).single()).isOne();
	}

	@Test
	void confirmationSendsAreLimitedPerDestination() throws Exception {
		String email = nextEmail();
		for (int i = 0; i < 3; i++) {
			assertThat(subscribe(Map.of("email", email, "interests", List.of("parks"))).statusCode()).isEqualTo(202);
		}
		HttpResponse<String> refused = subscribe(Map.of("email", email, "interests", List.of("parks")));
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("Too many");
	}

	private String nextEmail() {
		return "resident" + counter.incrementAndGet() + "@example.org";
	}

	private String confirmedSubscriber(String email, String... terms) throws Exception {
		String link = signUpAndGetLink(email, terms.length == 0 ? new String[] { "287(g)" } : terms);
		browser.get(link + "/confirm");
		browser.submit(link + "/confirm", Map.of());
		assertThat(consent(email)).isEqualTo("CONFIRMED");
		return link;
	}

	private String signUpAndGetLink(String email, String... terms) throws Exception {
		assertThat(subscribe(Map.of("email", email, "interests", List.of(terms.length == 0 ? new String[] { "287(g)" } : terms)))
			.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10)).until(() -> confirmationFor(email) != null);
		Matcher link = LINK.matcher(Mails.plainText(confirmationFor(email)));
		assertThat(link.find()).isTrue();
		return link.group(1);
	}

	private MimeMessage confirmationFor(String email) throws Exception {
		return Mails.firstTo(mail.getReceivedMessages(), email);
	}

	private HttpResponse<String> subscribe(Map<String, Object> body) throws Exception {
		String json = new tools.jackson.databind.json.JsonMapper().writeValueAsString(body);
		return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/subscriptions"))
			.header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> text(String from, String body) throws Exception {
		Map<String, String> form = Map.of("From", from, "To", "+13055550100", "Body", body, "MessageSid", "SM" + counter.incrementAndGet());
		String signature = TwilioSignatures.sign("lifecycle-token", PUBLIC_URL + "/webhooks/twilio/sms", form);
		return new WebClient("http://localhost:" + port).post("/webhooks/twilio/sms", form, Map.of("X-Twilio-Signature", signature));
	}

	private void announce(String itemTitle) {
		int id = counter.incrementAndGet();
		meetings.reconcile("lifecycle", List.of(new MeetingSnapshot("lifecycle", "m" + id, "City of Key West", "City Commission",
				"City Commission", Instant.parse("2025-07-20T21:00:00Z"), ZoneId.of("America/New_York"), "City Hall",
				MeetingStatus.SCHEDULED, null, null, null,
				List.of(new AgendaItemSnapshot("i" + id, "1", itemTitle, null, null, List.of())))));
	}

	private void awaitSmsTo(String number, int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(number) >= count);
	}

	private int smsTo(String number) {
		return twilio.findAll(postRequestedFor(urlPathMatching("/2010-04-01/.*"))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("To=" + number.replace("+", "%2B")))).size();
	}

	private String consent(String email) {
		return jdbc.sql("select consent from contact_point where address_hash = ?").param(Sealed.hash(email)).query(String.class).single();
	}

	private String terms(String email) {
		return jdbc.sql("select i.terms from interest i join contact_point c on c.subscriber_id = i.subscriber_id where c.address_hash = ?")
			.param(Sealed.hash(email)).query(String.class).single();
	}

}
