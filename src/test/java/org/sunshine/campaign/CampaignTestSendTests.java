package org.sunshine.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import org.sunshine.MutableClock;
import org.sunshine.Sealed;
import org.sunshine.TestClockConfiguration;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An organizer's test send ({@code POST /api/organizer/campaigns/{id}/test}) through the real outbox and senders:
 * the call as a follower would read it, marked as a test, to the organizer's own address, which never becomes a
 * follower; the campaign's counts do not move; another organization's token finds nothing; and an organization
 * cannot send more than its hourly allowance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=target/no-feeds.yml", "sunshine.admin.password=test-admin", "spring.mail.host=localhost" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class CampaignTestSendTests {

	static final Path OUTBOX = Path.of("target/test-outbox/campaign-test-send-" + UUID.randomUUID());

	// A port of its own (other builds use the fixed test ports), one server for the class's one context.
	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication()).withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
		registry.add("sunshine.outbox-dir", OUTBOX::toString);
	}

	@LocalServerPort
	int port;

	@Autowired
	Meetings meetings;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	org.sunshine.subscription.Subscriptions subscriptions;

	final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void resetClock() {
		clock.set(TestClockConfiguration.NOW);
	}

	@Test
	void theTestEmailIsTheCallAsAFollowerReadsItMarkedAsATestAndTheCountsDoNotMove() throws Exception {
		String slug = "tested-" + suffix();
		String token = organization(slug);
		follower(slug, "follower-" + slug + "@example.org");
		long campaign = create(token, Map.of("meetingId", meeting(Duration.ofDays(5)), "ask", "attend", "message",
				Map.of("en", "Fill the chambers on Tuesday", "es", "Llenemos la sala el martes")));
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rows(campaign, "campaign", "SENT") == 1);
		JsonNode before = call("GET", token, "/api/organizer/campaigns/" + campaign, null).body();

		String organizer = "organizer-" + slug + "@example.org";
		Answer answer = call("POST", token, "/api/organizer/campaigns/" + campaign + "/test",
				Map.of("email", organizer, "language", "es"));
		assertThat(answer.status()).as(answer.text()).isEqualTo(202);
		assertThat(answer.body().get("status").asString()).isEqualTo("queued");

		MimeMessage received = Awaitility.await().atMost(Duration.ofSeconds(30))
			.until(() -> to(organizer), messages -> messages.size() == 1).get(0);
		assertThat(received.getSubject()).startsWith("[TEST] Organization " + slug + ":").contains("City Commission");
		String text = text(received);
		assertThat(text).startsWith("[TEST]");
		assertThat(text.lines().skip(2).findFirst()).as("the organization's name first").hasValue("Organization " + slug);
		assertThat(text).contains("Llenemos la sala el martes").doesNotContain("Fill the chambers")
			.contains("El registro oficial (City of Key West)").contains("Reunión: City Commission")
			.contains("Dónde: City Hall, 1300 White Street").contains("Cuándo: ").contains("/r/" + TestSends.LINK);
		assertThat(received.getHeader("List-Unsubscribe")).as("the organizer follows nothing to leave").isNull();

		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rows(campaign, "campaign-test", "SENT") == 1);
		assertThat(call("GET", token, "/api/organizer/campaigns/" + campaign, null).body()).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from follower_contact where address_hash = ?").param(Sealed.hash(organizer))
			.query(Integer.class).single()).as("the organizer's address does not become a follower's").isZero();
		String rsvpPage = RestClient.create("http://localhost:" + port).get().uri("/r/" + TestSends.LINK + "?lang=es")
			.retrieve().body(String.class);
		assertThat(rsvpPage).as("a test's RSVP link answers nothing, and says so").contains("envío de prueba")
			.doesNotContain("<form");
	}

	@Test
	void aTestTextGoesOutThroughTheSmsSenderForAScheduledCampaignButNotForACancelledOne() throws Exception {
		String token = organization("texted-" + suffix());
		long campaign = create(token, Map.of("meetingId", meeting(Duration.ofDays(6)), "ask", "speak", "message",
				Map.of("en", "Speak for the pier", "es", "Hable por el muelle"), "sendAt", "2025-07-06T09:00:00-04:00"));
		String phone = "+1305555" + String.format("%04d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000));

		assertThat(call("POST", token, "/api/organizer/campaigns/" + campaign + "/test", Map.of("phone", phone)).status())
			.isEqualTo(202);
		JsonNode sms = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> textTo(phone), text -> text != null);
		assertThat(sms.get("body").asString()).startsWith("TEST: Organization texted-").contains("Speak for the pier")
			.contains("City Commission").contains("/r/" + TestSends.LINK).endsWith("Reply GOING if you can come");
		assertThat(sms.get("segments").asInt()).isLessThanOrEqualTo(2);
		assertThat(status(campaign)).as("a test does not send the campaign").isEqualTo("scheduled");
		assertThat(rows(campaign, "campaign", null)).isZero();

		subscriptions.receiveSms(phone, "STOP");
		assertThat(call("POST", token, "/api/organizer/campaigns/" + campaign + "/test", Map.of("phone", phone)).status())
			.isEqualTo(202);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rows(campaign, "campaign-test", "FAILED") == 1);
		assertThat(rows(campaign, "campaign-test", "SENT")).as("STOP stops a test text too").isEqualTo(1);

		call("DELETE", token, "/api/organizer/campaigns/" + campaign, null);
		Answer cancelled = call("POST", token, "/api/organizer/campaigns/" + campaign + "/test", Map.of("phone", phone));
		assertThat(cancelled.status()).isEqualTo(400);
		assertThat(cancelled.body().get("detail").asString()).contains("cancelled");
	}

	@Test
	void anotherOrganizationsTokenFindsNoCampaignToTest() {
		String own = organization("own-" + suffix());
		String other = organization("other-" + suffix());
		long campaign = create(own, Map.of("meetingId", meeting(Duration.ofDays(5)), "ask", "attend", "message",
				Map.of("en", "Come"), "sendAt", "2025-07-05T09:00:00-04:00"));
		Map<String, Object> request = Map.of("email", "intruder-" + suffix() + "@example.org");
		assertThat(call("POST", other, "/api/organizer/campaigns/" + campaign + "/test", request).status()).isEqualTo(404);
		assertThat(call("POST", null, "/api/organizer/campaigns/" + campaign + "/test", request).status()).isEqualTo(401);
		assertThat(rows(campaign, "campaign-test", null)).isZero();
	}

	@Test
	void aTestWithoutAContactOrWithABadOneIsAProblemNamingTheField() {
		String token = organization("fields-" + suffix());
		long campaign = create(token, Map.of("meetingId", meeting(Duration.ofDays(5)), "ask", "attend", "message",
				Map.of("en", "Come"), "sendAt", "2025-07-05T09:00:00-04:00"));
		String path = "/api/organizer/campaigns/" + campaign + "/test";
		assertThat(field(call("POST", token, path, Map.of("language", "es")))).isEqualTo("email");
		assertThat(field(call("POST", token, path, Map.of("email", "not-an-address")))).isEqualTo("email");
		assertThat(field(call("POST", token, path, Map.of("phone", "call me")))).isEqualTo("phone");
		assertThat(field(call("POST", token, path, Map.of("email", "x-" + suffix() + "@example.org", "language", "fr"))))
			.isEqualTo("language");
		clock.set(TestClockConfiguration.NOW.plus(Duration.ofDays(6)));
		Answer over = call("POST", token, path, Map.of("email", "x-" + suffix() + "@example.org"));
		assertThat(field(over)).isEqualTo("meetingId");
		assertThat(over.body().get("detail").asString()).contains("already over");
		assertThat(rows(campaign, "campaign-test", null)).isZero();
	}

	@Test
	void theEleventhTestInAnHourIsRefusedAndTheNextHourAllowsMore() {
		String token = organization("eager-" + suffix());
		long first = create(token, Map.of("meetingId", meeting(Duration.ofDays(5)), "ask", "attend", "message",
				Map.of("en", "Come"), "sendAt", "2025-07-05T09:00:00-04:00"));
		long second = create(token, Map.of("meetingId", meeting(Duration.ofDays(5)), "ask", "comment", "message",
				Map.of("en", "Write in"), "sendAt", "2025-07-05T09:00:00-04:00"));
		String to = "eager-" + suffix() + "@example.org";
		for (int i = 0; i < 10; i++) {
			long campaign = i % 2 == 0 ? first : second;
			assertThat(call("POST", token, "/api/organizer/campaigns/" + campaign + "/test", Map.of("email", to)).status())
				.as("test %d", i + 1).isEqualTo(202);
		}
		Answer refused = call("POST", token, "/api/organizer/campaigns/" + second + "/test", Map.of("email", to));
		assertThat(refused.status()).as("the limit is the organization's, over all its campaigns").isEqualTo(429);
		assertThat(refused.body().get("detail").asString()).contains("10 test messages an hour");
		assertThat(call("POST", organization("patient-" + suffix()), "/api/organizer/campaigns/" + first + "/test",
				Map.of("email", to)).status()).as("not found to another organization, whatever its allowance").isEqualTo(404);

		clock.set(TestClockConfiguration.NOW.plus(Duration.ofMinutes(61)));
		assertThat(call("POST", token, "/api/organizer/campaigns/" + first + "/test", Map.of("email", to)).status())
			.isEqualTo(202);
		assertThat(rows(first, "campaign-test", null) + rows(second, "campaign-test", null)).isEqualTo(11);
	}

	record Answer(int status, String text, JsonNode body) {
	}

	private Answer call(String method, String token, String path, Object body) {
		RestClient.RequestBodySpec request = RestClient.create("http://localhost:" + port)
			.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).headers(headers -> {
				if (token != null) {
					headers.setBearerAuth(token);
				}
			});
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((req, response) -> {
			String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
			return new Answer(response.getStatusCode().value(), text, text.isBlank() ? null : json.readTree(text));
		});
	}

	private static String field(Answer answer) {
		assertThat(answer.status()).as(answer.text()).isEqualTo(400);
		return answer.body().get("errors").get(0).get("field").asString();
	}

	private long create(String token, Map<String, Object> request) {
		Answer answer = call("POST", token, "/api/organizer/campaigns", request);
		assertThat(answer.status()).as(answer.text()).isEqualTo(201);
		return answer.body().get("id").asLong();
	}

	private String organization(String slug) {
		return RestClient.create("http://localhost:" + port).post().uri("/api/admin/organizations")
			.headers(headers -> headers.setBasicAuth("admin", "test-admin")).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("slug", slug, "name", "Organization " + slug)).retrieve().body(JsonNode.class)
			.get("organizerToken").asString();
	}

	/** A follower who confirmed (confirming is the end-to-end test's business). */
	private void follower(String slug, String email) {
		Map<String, Object> request = new HashMap<>();
		request.put("email", email);
		RestClient.create("http://localhost:" + port).post().uri("/api/organizations/" + slug + "/followers")
			.contentType(MediaType.APPLICATION_JSON).body(request).retrieve().toBodilessEntity();
		jdbc.sql("update follower_contact set consent = 'CONFIRMED' where address_hash = ?").param(Sealed.hash(email)).update();
	}

	private long meeting(Duration fromNow) {
		String id = "campaign-test-send-" + UUID.randomUUID();
		meetings.reconcile("campaign-test-send", List.of(new MeetingSnapshot("campaign-test-send", id, "City of Key West",
				"City Commission", "Regular Meeting", clock.instant().plus(fromNow), ZoneId.of("America/New_York"),
				"City Hall, 1300 White Street", MeetingStatus.SCHEDULED, null, null, null, List.of())));
		return jdbc.sql("select id from meeting where source_id = ?").param(id).query(Long.class).single();
	}

	private String status(long campaign) {
		return jdbc.sql("select status from campaign where id = ?").param(campaign).query(String.class).single();
	}

	private int rows(long campaign, String kind, String status) {
		return jdbc.sql("select count(*) from notification where campaign_id = ? and kind = ? and (? is null or status = ?)")
			.params(campaign, kind, status, status).query(Integer.class).single();
	}

	private static List<MimeMessage> to(String address) {
		return Stream.of(mail.getReceivedMessages()).filter(message -> {
			try {
				return message.getRecipients(Message.RecipientType.TO)[0].toString().equals(address);
			}
			catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

	/** The plain-text part, decoded. */
	private static String text(Part part) throws Exception {
		if (part.isMimeType("text/plain")) {
			return ((String) part.getContent()).replace("\r\n", "\n");
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String text = text(multipart.getBodyPart(i));
				if (text != null) {
					return text;
				}
			}
		}
		return null;
	}

	/** The .json file the SMS sender wrote for this number, if it has. */
	private JsonNode textTo(String number) throws Exception {
		Path texts = OUTBOX.resolve("sms");
		if (!Files.isDirectory(texts)) {
			return null;
		}
		try (Stream<Path> files = Files.list(texts)) {
			for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
				JsonNode sms = json.readTree(Files.readString(file));
				if (number.equals(sms.get("to").asString())) {
					return sms;
				}
			}
		}
		return null;
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
