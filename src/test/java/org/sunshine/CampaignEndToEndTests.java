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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.sunshine.notification.channel.sms.SmsSegments;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An organization calls its followers to the special meeting, through the running application and the
 * contract: the admin creates the organization; people follow it and confirm by email (GreenMail) and by
 * SMS (Twilio's REST API stood in by WireMock); the organizer's campaign reaches each follower in their
 * language with the official facts; they answer by link and by text; the organizer sees counts; the city
 * moves the meeting (Legistar in WireMock) and exactly those who got the campaign get a correction, reminders
 * move; the city cancels it and reminders are withdrawn, those going told first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class CampaignEndToEndTests {

	static final String PUBLIC_URL = "https://sunshine.example.org";

	static final String ORGANIZATION = "Key West Immigrant Support Network";

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

	@RegisterExtension
	static WireMockExtension legistar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	static Path config;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
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
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
		registry.add("sunshine.sms.twilio.account-sid", () -> "AC00000000000000000000000000000001");
		registry.add("sunshine.sms.twilio.auth-token", () -> "twilio-test-token");
		registry.add("sunshine.sms.twilio.from", () -> "+13055550100");
		registry.add("sunshine.sms.twilio.api-base-url", () -> "http://localhost:" + twilio.getPort());
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final JsonMapper json = JsonMapper.builder().build();

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
	void organizationCallsItsFollowersWhoAnswerAndAreCorrectedWhenTheMeetingMovesAndIsCancelled(CapturedOutput log)
			throws Exception {
		publish("5:00 PM", "Special Meeting. Public comment: sign up at the door or by email to the City Clerk.");
		poll();
		long meetingId = jdbc.sql("select id from meeting where source_id like '%4102%'").query(Long.class).single();

		// The admin creates the organization; its organizer token is shown once and only its hash is kept.
		JsonNode created = (admin.post().uri("/api/admin/organizations").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("slug", "kwisn", "name", ORGANIZATION, "languages", List.of("en", "es", "ht")))
			.exchange((request, response) -> {
				assertThat(response.getStatusCode().value()).isEqualTo(201);
				return json.readTree(response.getBody());
			}, true));
		String token = created.get("organizerToken").asString();
		assertThat(created.get("slug").asString()).isEqualTo("kwisn");
		assertThat(jdbc.sql("select count(*) from organization where token_hash like ?").param("%" + token + "%")
			.query(Integer.class).single()).isZero();

		// A resident with topic alerts of her own; following the organization is a separate thing.
		assertThat(api.post().uri("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", "ana@example.org", "interests", List.of("stormwater"))).retrieve().toBodilessEntity()
			.getStatusCode().value()).isEqualTo(202);
		confirmByLink(awaitEmailTo("ana@example.org", "/s/"), "/s/");

		// Followers: English by email, Spanish by email and SMS, Creole by email; one never confirms.
		follow(Map.of("email", "ana@example.org", "language", "en"));
		follow(Map.of("email", "luis@example.org", "phone", "+1 305 555 0111", "language", "es"));
		follow(Map.of("email", "jean@example.org", "language", "ht"));
		follow(Map.of("email", "pending@example.org"));
		String confirmation = awaitEmailTo("luis@example.org", "/f/");
		assertThat(confirmation).contains(ORGANIZATION);
		assertThat(sms()).hasSize(1);
		assertThat(body(sms().get(0))).contains(ORGANIZATION).contains("YES").contains("STOP");
		for (String follower : List.of("ana@example.org", "luis@example.org", "jean@example.org")) {
			confirmByLink(awaitEmailTo(follower, "/f/"), "/f/");
		}
		assertThat(reply("+13055550111", "Yes")).contains(ORGANIZATION);
		assertThat(jdbc.sql("select count(*) from follower_contact where consent = 'CONFIRMED'").query(Integer.class)
			.single()).isEqualTo(4);
		assertThat(jdbc.sql("select count(*) from contact_point").query(Integer.class).single())
			.as("following is not a topic subscription").isEqualTo(1);

		// The organizer calls them to the meeting, with a reminder a day before.
		JsonNode campaign = organizer(token).post().uri("/api/organizer/campaigns").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("meetingId", meetingId, "ask", "attend", "reminders", List.of("PT24H"), "message",
					Map.of("en", "Fill the chambers: the 287(g) agreement is back on the agenda.",
							"es", "Llenemos la sala: el acuerdo 287(g) vuelve a la agenda.")))
			.exchange((request, response) -> {
				assertThat(response.getStatusCode().value()).isEqualTo(201);
				return json.readTree(response.getBody());
			});
		long campaignId = campaign.get("id").asLong();
		assertThat(campaign.get("status").asString()).isEqualTo("sent");

		awaitCampaignEmails(3);
		List<MimeMessage> calls = campaignEmails();
		assertThat(calls).extracting(message -> message.getAllRecipients()[0].toString())
			.containsExactlyInAnyOrder("ana@example.org", "luis@example.org", "jean@example.org");
		MimeMessage english = Mails.firstTo(calls.toArray(MimeMessage[]::new), "ana@example.org");
		String englishText = Mails.plainText(english);
		assertThat(english.getSubject()).startsWith(ORGANIZATION);
		assertThat(englishText).startsWith(ORGANIZATION).contains("Fill the chambers").contains("City Commission")
			.contains("Tue, Jul 8, 2025, 5:00 PM EDT").contains("City Hall, 1300 White Street")
			.contains("Public comment: sign up at the door").contains(PUBLIC_URL + "/r/").contains(PUBLIC_URL + "/f/");
		assertThat(english.getHeader("List-Unsubscribe")[0]).matches("<" + Pattern.quote(PUBLIC_URL) + "/f/[A-Za-z0-9_-]+/leave>");
		assertThat(english.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		String spanish = Mails.plainText(Mails.firstTo(calls.toArray(MimeMessage[]::new), "luis@example.org"));
		assertThat(spanish).startsWith(ORGANIZATION).contains("Llenemos la sala").contains("mar 8 de jul de 2025")
			.contains("Cuándo");
		String creole = Mails.plainText(Mails.firstTo(calls.toArray(MimeMessage[]::new), "jean@example.org"));
		assertThat(creole).as("no Creole text: the organization's first language").contains("Fill the chambers")
			.contains("mad 8 jiy 2025").contains("Ki kote");
		List<String> texts = awaitSms(2);
		String call = body(texts.get(1));
		assertThat(texts.get(1)).contains("To=%2B13055550111");
		assertThat(call).startsWith(ORGANIZATION).contains("Llenemos la sala").contains("City Commission")
			.contains(PUBLIC_URL + "/r/").endsWith("Responda VOY si puede venir");
		assertThat(SmsSegments.count(call)).isLessThanOrEqualTo(2);

		// Ana answers by the link (the page shows buttons; the answer is a POST), Luis by texting VOY.
		String rsvp = link(englishText, "/r/");
		WebClient browser = new WebClient("http://localhost:" + port);
		String page = browser.get(rsvp).body();
		assertThat(page).contains(ORGANIZATION).contains("Tue, Jul 8, 2025, 5:00 PM EDT").contains("value=\"going\"");
		browser.submit(rsvp, Map.of("answer", "not-going"));
		assertThat(browser.submit(rsvp, Map.of("answer", "going")).body()).contains("You said you are going");
		assertThat(reply("+13055550111", "voy")).contains(ORGANIZATION);

		JsonNode counts = counts(token, campaignId);
		assertThat(counts.get("audience").asInt()).isEqualTo(3);
		assertThat(counts.get("sent").asInt()).isEqualTo(4);
		assertThat(counts.get("failed").asInt()).isZero();
		assertThat(counts.get("pending").asInt()).isZero();
		assertThat(counts.get("corrections").asInt()).isZero();
		assertThat(counts.get("rsvp").get("going").asInt()).isEqualTo(2);
		assertThat(counts.get("rsvp").get("notGoing").asInt()).isZero();
		assertThat(counts.get("meetingId").asLong()).isEqualTo(meetingId);
		assertThat(reminders("PENDING")).containsOnly(Instant.parse("2025-07-07T21:00:00Z")).hasSize(4);

		// The city moves the meeting to 6 PM: a correction to each contact point the campaign reached, and no one else.
		publish("6:00 PM", "Special Meeting. Public comment: sign up at the door or by email to the City Clerk.");
		poll();
		awaitCampaignEmails(6);
		List<MimeMessage> moved = campaignEmails("MOVED", "CAMBIO", "CHANJMAN");
		assertThat(moved).extracting(message -> message.getAllRecipients()[0].toString())
			.containsExactlyInAnyOrder("ana@example.org", "luis@example.org", "jean@example.org");
		MimeMessage movedEnglish = Mails.firstTo(moved.toArray(MimeMessage[]::new), "ana@example.org");
		assertThat(movedEnglish.getSubject()).startsWith(ORGANIZATION).contains("MOVED");
		assertThat(Mails.plainText(movedEnglish)).startsWith(ORGANIZATION)
			.contains("Tue, Jul 8, 2025, 5:00 PM EDT -> Tue, Jul 8, 2025, 6:00 PM EDT");
		String movedText = body(awaitSms(3).get(2));
		assertThat(movedText).startsWith(ORGANIZATION).contains("CAMBIO").contains("ahora mar 8 de jul de 2025, 6:00 p. m. EDT")
			.contains("antes mar 8 de jul de 2025, 5:00 p. m. EDT").endsWith("Responda VOY si puede venir");
		assertThat(SmsSegments.count(movedText)).isLessThanOrEqualTo(2);
		assertThat(counts(token, campaignId).get("corrections").asInt()).isEqualTo(4);
		assertThat(reminders("PENDING")).containsOnly(Instant.parse("2025-07-07T22:00:00Z")).hasSize(4);
		assertThat(reminders("CANCELLED")).hasSize(4);
		assertThat(emailsTo("pending@example.org")).as("never confirmed: only the confirmation").hasSize(1);

		// The city cancels it: everyone reached is told, those going first, and the reminders are withdrawn.
		publish("6:00 PM", "CANCELLED");
		poll();
		awaitCampaignEmails(9);
		List<MimeMessage> cancelled = campaignEmails("CANCELLED", "CANCELADA", "ANILE");
		assertThat(cancelled).hasSize(3).allSatisfy(message -> assertThat(message.getSubject()).startsWith(ORGANIZATION));
		assertThat(Mails.plainText(Mails.firstTo(cancelled.toArray(MimeMessage[]::new), "jean@example.org")))
			.contains("ANILE");
		assertThat(body(awaitSms(4).get(3))).startsWith(ORGANIZATION).contains("CANCELADA");
		List<Long> correctedInOrder = jdbc.sql("""
				select follower_id from notification where kind = 'campaign-correction'
				and revision_id = (select max(revision_id) from notification where kind = 'campaign-correction') order by id""")
			.query(Long.class).list();
		List<Long> going = jdbc.sql("select follower_id from rsvp where answer = 'going'").query(Long.class).list();
		assertThat(correctedInOrder.subList(0, 3)).allMatch(going::contains);
		assertThat(going).hasSize(2);
		assertThat(reminders("PENDING")).isEmpty();
		assertThat(counts(token, campaignId).get("corrections").asInt()).isEqualTo(8);

		// One click in Jean's mail client leaves the organization; Ana's topic alerts are untouched by her follow.
		String leave = Mails.firstTo(calls.toArray(MimeMessage[]::new), "jean@example.org").getHeader("List-Unsubscribe")[0];
		var left = browser.post(leave.substring(1, leave.length() - 1).replace(PUBLIC_URL, ""),
				Map.of("List-Unsubscribe", "One-Click"), Map.of());
		assertThat(left.statusCode()).isEqualTo(200);
		assertThat(jdbc.sql("select consent from follower_contact where address_hash = '" + Sealed.hash("jean@example.org") + "'").query(String.class)
			.single()).isEqualTo("LEFT");
		assertThat(jdbc.sql("select consent from contact_point where address_hash = '" + Sealed.hash("ana@example.org") + "'").query(String.class)
			.single()).isEqualTo("CONFIRMED");

		String sunshineLog = SunshineLog.of(log);
		assertThat(sunshineLog).doesNotContain("ana@example.org").doesNotContain("luis@example.org")
			.doesNotContain("3055550111").doesNotContain(token);

		// Everything the database holds after the journey, as a backup would: no address or number in clear.
		String dump = String.join("\n", jdbc.sql("script nopasswords").query(String.class).list()).toLowerCase();
		assertThat(dump).contains("insert into \"public\".\"contact_point\"").contains("enc:");
		assertThat(dump).doesNotContain("ana@example.org").doesNotContain("luis@example.org")
			.doesNotContain("jean@example.org").doesNotContain("3055550111").doesNotContain("@example.org");
	}

	private void publish(String time, String comment) {
		legistar.resetAll();
		String events = LegistarFixtures.array(LegistarFixtures.event(4102, "City Commission", "2025-07-08", time,
				"City Hall, 1300 White Street\r\nCommission Chambers", comment));
		legistar.stubFor(get(urlPathEqualTo("/v1/keywest/events")).willReturn(okJson(events)));
		legistar.stubFor(get(urlPathEqualTo("/v1/keywest/events/4102/eventitems")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.item(9101, 4102, 1, "1", "Call to order", null),
				LegistarFixtures.item(9102, 4102, 2, "2", "A Resolution reinstating the 287 (g) Task Force Model agreement",
						"Res. 25-212")))));
	}

	private void poll() {
		// What the previous poll caused is planned first: the planner holds the meeting's row while it works.
		Planning.awaitPlanned(jdbc);
		String health = admin.post().uri("/api/admin/feeds/key-west/poll").retrieve().body(String.class);
		assertThat(health).contains("\"consecutiveFailures\":0");
		Planning.awaitPlanned(jdbc);
	}

	private void follow(Map<String, Object> request) {
		JsonNode followed = api.post().uri("/api/organizations/kwisn/followers").contentType(MediaType.APPLICATION_JSON)
			.body(request).exchange((req, response) -> {
				assertThat(response.getStatusCode().value()).isEqualTo(202);
				return json.readTree(response.getBody());
			});
		assertThat(followed.get("status").asString()).isEqualTo("pending");
		assertThat(followed.get("id").asString()).isNotBlank();
	}

	private RestClient organizer(String token) {
		return RestClient.builder().baseUrl("http://localhost:" + port)
			.defaultHeaders(headers -> headers.setBearerAuth(token)).build();
	}

	private JsonNode counts(String token, long campaignId) {
		String answer = organizer(token).get().uri("/api/organizer/campaigns/" + campaignId).retrieve().body(String.class);
		assertThat(answer).doesNotContain("@").doesNotContain("305555");
		return json.readTree(answer);
	}

	private List<Instant> reminders(String status) {
		return jdbc.sql("select next_attempt_at from notification where kind = 'campaign-reminder' and status = ?")
			.param(status).query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).list();
	}

	private void confirmByLink(String email, String prefix) throws Exception {
		String link = link(email, prefix) ;
		WebClient browser = new WebClient("http://localhost:" + port);
		assertThat(browser.get(link).statusCode()).isEqualTo(200);
		assertThat(browser.submit(link, Map.of()).body()).contains("Confirmed");
	}

	private static String link(String text, String prefix) {
		Matcher link = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(" + prefix + "[A-Za-z0-9_-]+(/confirm)?)").matcher(text);
		assertThat(link.find()).as("a link %s in %s", prefix, text).isTrue();
		return link.group(1);
	}

	private String awaitEmailTo(String address, String linkPrefix) throws Exception {
		await().atMost(Duration.ofSeconds(20)).until(() -> emailsTo(address).stream()
			.anyMatch(text -> text.contains(PUBLIC_URL + linkPrefix)));
		return emailsTo(address).stream().filter(text -> text.contains(PUBLIC_URL + linkPrefix)).reduce((a, b) -> b)
			.orElseThrow();
	}

	private List<String> emailsTo(String address) throws Exception {
		List<String> texts = new ArrayList<>();
		for (MimeMessage message : mail.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().equals(address)) {
				texts.add(Mails.plainText(message));
			}
		}
		return texts;
	}

	private List<MimeMessage> campaignEmails() throws Exception {
		List<MimeMessage> campaign = new ArrayList<>();
		for (MimeMessage message : mail.getReceivedMessages()) {
			if (message.getSubject().startsWith(ORGANIZATION)) {
				campaign.add(message);
			}
		}
		return campaign;
	}

	/** Waits for exactly {@code count} campaign emails (GreenMail lists them by mailbox, not in order of arrival). */
	private void awaitCampaignEmails(int count) throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> campaignEmails().size() >= count);
		assertThat(campaignEmails()).hasSize(count);
	}

	private List<MimeMessage> campaignEmails(String... subjectWords) throws Exception {
		return campaignEmails().stream()
			.filter(message -> java.util.Arrays.stream(subjectWords).anyMatch(word -> uncheckedSubject(message).contains(word)))
			.toList();
	}

	private static String uncheckedSubject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private List<String> sms() {
		return twilio.findAll(postRequestedFor(urlPathMatching("/2010-04-01/.*"))).stream()
			.map(LoggedRequest::getBodyAsString).toList();
	}

	private List<String> awaitSms(int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> sms().size() >= count);
		return sms();
	}

	private String reply(String number, String text) throws Exception {
		Map<String, String> form = Map.of("From", number, "To", "+13055550100", "Body", text);
		String signature = TwilioSignatures.sign("twilio-test-token", PUBLIC_URL + "/webhooks/twilio/sms", form);
		var response = new WebClient("http://localhost:" + port).post("/webhooks/twilio/sms", form,
				Map.of("X-Twilio-Signature", signature));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
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
