package org.sunshine.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
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
 * The organizer API as organizers and the acceptance checks drive it: a token reaches its own organization's
 * campaigns only, no answer carries a follower's contact, bad requests get problems naming the field, and the
 * guard rails (quiet hours, the per-organization limit, cancellation) hold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=target/no-feeds.yml", "sunshine.outbox-dir=target/test-outbox/campaign-api",
		"sunshine.admin.password=test-admin", "sunshine.campaign.campaigns-per-day=3" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class CampaignApiTests {

	static final ZoneId KEY_WEST = ZoneId.of("America/New_York");

	@LocalServerPort
	int port;

	@Autowired
	Meetings meetings;

	@Autowired
	Campaigns campaigns;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	Followers followers;

	@Autowired
	org.sunshine.subscription.Subscriptions subscriptions;

	final JsonMapper json = JsonMapper.builder().build();

	RestClient admin;

	@BeforeEach
	void setUp() {
		admin = RestClient.builder().baseUrl("http://localhost:" + port)
			.defaultHeaders(headers -> headers.setBasicAuth("admin", "test-admin")).build();
	}

	@AfterEach
	void resetClock() {
		clock.set(TestClockConfiguration.NOW);
	}

	@Test
	void anOrganizersTokenCannotReadOrTouchAnotherOrganizationsCampaign() {
		String own = organization("own-" + suffix());
		String other = organization("other-" + suffix());
		long meeting = meeting(Duration.ofDays(5));
		long campaign = create(own, Map.of("meetingId", meeting, "ask", "attend", "message", Map.of("en", "Come"),
				"sendAt", "2025-07-05T09:00:00-04:00")).get("id").asLong();

		assertThat(call(HttpMethod.GET, other, "/api/organizer/campaigns/" + campaign, null).status()).isEqualTo(404);
		assertThat(call(HttpMethod.DELETE, other, "/api/organizer/campaigns/" + campaign, null).status()).isEqualTo(404);
		assertThat(call(HttpMethod.GET, null, "/api/organizer/campaigns/" + campaign, null).status()).isEqualTo(401);
		assertThat(call(HttpMethod.GET, "not-a-token-at-all-not-a-token-at-all", "/api/organizer/campaigns/" + campaign,
				null).status()).isEqualTo(401);
		assertThat(status(campaign)).as("untouched by the other organization").isEqualTo("scheduled");
		Answer mine = call(HttpMethod.GET, own, "/api/organizer/campaigns/" + campaign, null);
		assertThat(mine.status()).isEqualTo(200);
		assertThat(mine.body().get("status").asString()).isEqualTo("scheduled");
	}

	@Test
	void aReplacedTokenStopsWorkingAndTheNewOneWorks() {
		String slug = "rotate-" + suffix();
		String old = organization(slug);
		String fresh = admin.post().uri("/api/admin/organizations/" + slug + "/token").retrieve().body(JsonNode.class)
			.get("organizerToken").asString();
		long meeting = meeting(Duration.ofDays(5));
		Map<String, Object> request = Map.of("meetingId", meeting, "ask", "attend", "message", Map.of("en", "Come"),
				"sendAt", "2025-07-05T09:00:00-04:00");
		assertThat(call(HttpMethod.POST, old, "/api/organizer/campaigns", request).status()).isEqualTo(401);
		assertThat(call(HttpMethod.POST, fresh, "/api/organizer/campaigns", request).status()).isEqualTo(201);
		assertThat(jdbc.sql("select token_hash from organization where slug = ?").param(slug).query(String.class).single())
			.doesNotContain(fresh).hasSize(64);
	}

	@Test
	void noAnswerToAnOrganizerContainsAFollowersEmailOrPhone() {
		String slug = "private-" + suffix();
		String token = organization(slug);
		follower(slug, "follower-" + slug + "@example.org", "+13055550142");
		long meeting = meeting(Duration.ofDays(2));
		Answer created = call(HttpMethod.POST, token, "/api/organizer/campaigns",
				Map.of("meetingId", meeting, "ask", "speak", "message", Map.of("en", "Speak up"), "reminders", List.of("PT24H")));
		long id = created.body().get("id").asLong();
		List<Answer> answers = List.of(created, call(HttpMethod.GET, token, "/api/organizer/campaigns/" + id, null),
				call(HttpMethod.POST, token, "/api/organizer/campaigns", Map.of("meetingId", meeting, "ask", "shout",
						"message", Map.of("en", "x"))),
				call(HttpMethod.DELETE, token, "/api/organizer/campaigns/" + id, null));
		for (Answer answer : answers) {
			assertThat(answer.text()).doesNotContain("@").doesNotContain("3055550142").doesNotContain("5550142");
		}
		JsonNode counts = answers.get(1).body();
		assertThat(counts.get("audience").asInt()).isEqualTo(1);
		assertThat(counts.get("sent").asInt() + counts.get("pending").asInt()).isEqualTo(2);
		assertThat(counts.propertyNames()).containsExactlyInAnyOrder("id", "meetingId", "status", "audience", "sent",
				"failed", "pending", "corrections", "rsvp");
	}

	@Test
	void aCampaignForAMeetingAlreadyOverIsRefusedWithAProblemNamingTheMeeting() {
		String token = organization("late-" + suffix());
		long over = meeting(Duration.ofHours(-3));
		Answer refused = call(HttpMethod.POST, token, "/api/organizer/campaigns",
				Map.of("meetingId", over, "ask", "attend", "message", Map.of("en", "Come")));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("meetingId");
		assertThat(refused.body().get("detail").asString()).contains("already over");
		Answer unknown = call(HttpMethod.POST, token, "/api/organizer/campaigns",
				Map.of("meetingId", 987654, "ask", "attend", "message", Map.of("en", "Come")));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body().get("errors").get(0).get("field").asString()).isEqualTo("meetingId");
		Answer badLanguage = call(HttpMethod.POST, token, "/api/organizer/campaigns",
				Map.of("meetingId", meeting(Duration.ofDays(3)), "ask", "attend", "message", Map.of("fr", "Venez")));
		assertThat(badLanguage.body().get("errors").get(0).get("field").asString()).isEqualTo("message.fr");
	}

	@Test
	void deletingACampaignCancelsWhatHasNotLeft() {
		String slug = "cancel-" + suffix();
		String token = organization(slug);
		follower(slug, "cancel-" + slug + "@example.org", null);
		long meeting = meeting(Duration.ofDays(6));
		long later = create(token, Map.of("meetingId", meeting, "ask", "attend", "message", Map.of("en", "Come"),
				"sendAt", "2025-07-06T09:00:00-04:00")).get("id").asLong();
		long now = create(token, Map.of("meetingId", meeting, "ask", "comment", "message", Map.of("en", "Write in"),
				"reminders", List.of("PT24H", "PT2H"))).get("id").asLong();
		assertThat(rows(now, "campaign-reminder", "PENDING")).isEqualTo(2);

		assertThat(call(HttpMethod.DELETE, token, "/api/organizer/campaigns/" + later, null).body().get("status").asString())
			.isEqualTo("cancelled");
		assertThat(call(HttpMethod.DELETE, token, "/api/organizer/campaigns/" + now, null).status()).isEqualTo(200);
		assertThat(rows(now, "campaign-reminder", "PENDING")).isZero();
		assertThat(rows(now, "campaign-reminder", "CANCELLED")).isEqualTo(2);

		clock.set(Instant.parse("2025-07-06T14:00:00Z"));
		campaigns.sendDue();
		assertThat(rows(later, "campaign", null)).as("a cancelled campaign never goes").isZero();
		assertThat(status(later)).isEqualTo("cancelled");
	}

	@Test
	void aScheduledCampaignGoesAtItsTimeToThoseFollowingThen() {
		String slug = "later-" + suffix();
		String token = organization(slug);
		follower(slug, "early-" + slug + "@example.org", null);
		long meeting = meeting(Duration.ofDays(6));
		long id = create(token, Map.of("meetingId", meeting, "ask", "attend", "message", Map.of("en", "Come"),
				"sendAt", "2025-07-05T09:00:00-04:00")).get("id").asLong();
		follower(slug, "late-" + slug + "@example.org", null);
		campaigns.sendDue();
		assertThat(rows(id, "campaign", null)).as("not yet its time").isZero();
		clock.set(Instant.parse("2025-07-05T13:00:00Z"));
		campaigns.sendDue(); // Other tests' campaigns, due by now too, go with it.
		assertThat(rows(id, "campaign", null)).isEqualTo(2);
		assertThat(status(id)).isEqualTo("sent");
		campaigns.sendDue();
		assertThat(rows(id, "campaign", null)).as("sent once").isEqualTo(2);
	}

	@Test
	void quietHoursHoldCampaignTextsUnlessTheMeetingIsWithinTheCriticalWindow() {
		String slug = "quiet-" + suffix();
		String token = organization(slug);
		follower(slug, null, "+13055550177");
		clock.set(Instant.parse("2025-07-04T03:30:00Z")); // 23:30 in Key West
		long farAway = create(token, Map.of("meetingId", meeting(Duration.ofDays(9)), "ask", "attend", "message",
				Map.of("en", "Come"))).get("id").asLong();
		long soon = create(token, Map.of("meetingId", meeting(Duration.ofHours(40)), "ask", "attend", "message",
				Map.of("en", "Come tomorrow"))).get("id").asLong();
		assertThat(dueAt(farAway)).isEqualTo(Instant.parse("2025-07-04T12:00:00Z")); // 08:00 in Key West
		assertThat(dueAt(soon)).isEqualTo(Instant.parse("2025-07-04T03:30:00Z"));
	}

	@Test
	void anOrganizationsCampaignsAreLimitedPerDay() {
		String token = organization("busy-" + suffix());
		long meeting = meeting(Duration.ofDays(4));
		Map<String, Object> request = Map.of("meetingId", meeting, "ask", "attend", "message", Map.of("en", "Come"),
				"sendAt", "2025-07-05T09:00:00-04:00");
		for (int i = 0; i < 3; i++) {
			assertThat(call(HttpMethod.POST, token, "/api/organizer/campaigns", request).status()).isEqualTo(201);
		}
		Answer limited = call(HttpMethod.POST, token, "/api/organizer/campaigns", request);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(call(HttpMethod.POST, organization("calm-" + suffix()), "/api/organizer/campaigns", request).status())
			.as("another organization has its own limit").isEqualTo(201);
	}

	@Test
	void stopStillStopsEveryTextAndLeavingOneOrganizationKeepsTheOther() {
		String first = "first-" + suffix();
		String second = "second-" + suffix();
		String firstToken = organization(first);
		String secondToken = organization(second);
		follower(first, "both-" + first + "@example.org", "+13055550188");
		follower(second, "both-" + first + "@example.org", null);
		long meeting = meeting(Duration.ofDays(2));

		subscriptions.receiveSms("+13055550188", "STOP");
		long stopped = create(firstToken, Map.of("meetingId", meeting, "ask", "attend", "message", Map.of("en", "Come")))
			.get("id").asLong();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
			.until(() -> rows(stopped, "campaign", "FAILED") + rows(stopped, "campaign", "SENT") == 2);
		assertThat(jdbc.sql("select status from notification where campaign_id = ? and channel = 'SMS'").param(stopped)
			.query(String.class).single()).as("STOP stops the organization's texts too").isEqualTo("FAILED");

		// The leave link of the first organization's email leaves that one only.
		long firstFollower = jdbc.sql("select f.id from follower f join organization o on o.id = f.organization_id where o.slug = ?")
			.param(first).query(Long.class).single();
		String leaveToken = followers.leaveToken(firstFollower);
		int left = RestClient.create("http://localhost:" + port).post().uri("/f/" + leaveToken + "/leave")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).body("List-Unsubscribe=One-Click")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(left).isEqualTo(200);
		long firstAgain = create(firstToken, Map.of("meetingId", meeting, "ask", "attend", "message", Map.of("en", "Again")))
			.get("id").asLong();
		long fromSecond = create(secondToken, Map.of("meetingId", meeting, "ask", "attend", "message", Map.of("en", "Hi")))
			.get("id").asLong();
		assertThat(call(HttpMethod.GET, firstToken, "/api/organizer/campaigns/" + firstAgain, null).body().get("audience")
			.asInt()).isZero();
		assertThat(call(HttpMethod.GET, secondToken, "/api/organizer/campaigns/" + fromSecond, null).body().get("audience")
			.asInt()).isEqualTo(1);
	}

	@Test
	void anOrganizerImportsFollowersWhoAgreedBeforeAndNothingIsSentToThem() {
		String slug = "import-" + suffix();
		String token = organization(slug);
		String csv = """
				email,phone,language,consent_at,consent_source
				one-%1$s@example.org,,es,2024-03-01T10:00:00-05:00,paper sign-up sheet at the March meeting
				,+1 305 555 0161,en,2024-03-01T10:00:00-05:00,paper sign-up sheet at the March meeting
				not-an-email,,en,2024-03-01T10:00:00-05:00,sheet
				two-%1$s@example.org,,en,tomorrow,sheet
				one-%1$s@example.org,,en,2024-03-02T10:00:00-05:00,again
				""".formatted(slug);
		Answer answer = RestClient.create("http://localhost:" + port).post().uri("/api/organizer/followers/import")
			.headers(headers -> headers.setBearerAuth(token)).contentType(MediaType.parseMediaType("text/csv"))
			.body(csv).exchange((request, response) -> {
				String text = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
				return new Answer(response.getStatusCode().value(), text, json.readTree(text));
			});
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body().get("imported").asInt()).isEqualTo(2);
		assertThat(answer.body().get("skipped").asInt()).isEqualTo(1);
		assertThat(answer.body().get("errors")).hasSize(2);
		assertThat(answer.body().get("errors").get(0).get("line").asInt()).isEqualTo(4);
		assertThat(answer.body().get("errors").get(0).get("field").asString()).isEqualTo("email");
		assertThat(answer.body().get("errors").get(1).get("field").asString()).isEqualTo("consent_at");
		assertThat(answer.text()).doesNotContain("@");
		assertThat(jdbc.sql("""
				select consent_method, consent_source from follower_contact c join organization o
				on o.id = c.organization_id where o.slug = ? and c.consent = 'CONFIRMED'""").param(slug)
			.query((rs, row) -> rs.getString(1) + " " + Sealed.open(rs.getString(2))).list()).containsOnly("import paper sign-up sheet at the March meeting").hasSize(2);
		assertThat(jdbc.sql("select count(*) from notification where destination_hash in (:hashes)")
			.param("hashes", Sealed.hashes(List.of("one-" + slug + "@example.org", "+13055550161"))).query(Integer.class).single())
			.isZero();
		long id = create(token, Map.of("meetingId", meeting(Duration.ofDays(3)), "ask", "attend", "message",
				Map.of("en", "Come"))).get("id").asLong();
		assertThat(call(HttpMethod.GET, token, "/api/organizer/campaigns/" + id, null).body().get("audience").asInt())
			.isEqualTo(2);
	}

	@Test
	void pagesAnswerUnknownOrganizationsAndLinksWithNotFoundAndSpeakCreole() {
		String slug = "pages-" + suffix();
		organization(slug);
		RestClient web = RestClient.create("http://localhost:" + port);
		int unknown = web.get().uri("/o/no-such-organization").exchange((request, response) -> response.getStatusCode().value());
		assertThat(unknown).isEqualTo(404);
		int badLink = web.get().uri("/r/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(badLink).isEqualTo(404);
		int badLeave = web.get().uri("/f/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg/leave")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(badLeave).isEqualTo(404);
		String creole = web.get().uri("/o/" + slug + "?lang=ht").retrieve().body(String.class);
		assertThat(creole).contains("lang=\"ht\"").contains(">Swiv</button>").contains("Organization " + slug);
		int followUnknown = web.post().uri("/api/organizations/no-such-organization/followers")
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("email", "x@example.org"))
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(followUnknown).isEqualTo(404);
	}

	@Test
	void organizationsAreCreatedWithCheckedFields() {
		Answer bad = adminCall(Map.of("slug", "Not A Slug", "name", "X"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body().get("errors").get(0).get("field").asString()).isEqualTo("slug");
		Answer language = adminCall(Map.of("slug", "lang-" + suffix(), "name", "X", "languages", List.of("en", "fr")));
		assertThat(language.body().get("errors").get(0).get("field").asString()).isEqualTo("languages[1]");
		String slug = "twice-" + suffix();
		assertThat(adminCall(Map.of("slug", slug, "name", "X")).status()).isEqualTo(201);
		assertThat(adminCall(Map.of("slug", slug, "name", "X")).status()).isEqualTo(400);
		int anonymous = RestClient.create("http://localhost:" + port).post().uri("/api/admin/organizations")
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("slug", "nobody", "name", "X"))
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(anonymous).isEqualTo(401);
	}

	record Answer(int status, String text, JsonNode body) {
	}

	private Answer call(HttpMethod method, String token, String path, Object body) {
		RestClient.RequestBodySpec request = RestClient.create("http://localhost:" + port).method(method).uri(path)
			.headers(headers -> {
				if (token != null) {
					headers.setBearerAuth(token);
				}
			});
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((req, response) -> {
			String text = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			return new Answer(response.getStatusCode().value(), text, text.isBlank() ? null : json.readTree(text));
		});
	}

	private Answer adminCall(Map<String, Object> body) {
		return admin.post().uri("/api/admin/organizations").contentType(MediaType.APPLICATION_JSON).body(body)
			.exchange((req, response) -> {
				String text = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
				return new Answer(response.getStatusCode().value(), text, json.readTree(text));
			});
	}

	private JsonNode create(String token, Map<String, Object> request) {
		Answer answer = call(HttpMethod.POST, token, "/api/organizer/campaigns", request);
		assertThat(answer.status()).as(answer.text()).isEqualTo(201);
		return answer.body();
	}

	private String organization(String slug) {
		return admin.post().uri("/api/admin/organizations").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("slug", slug, "name", "Organization " + slug)).retrieve().body(JsonNode.class)
			.get("organizerToken").asString();
	}

	/** A follower who confirmed (the confirmation itself is the end-to-end test's business). */
	private void follower(String slug, String email, String phone) {
		Map<String, Object> request = new java.util.HashMap<>();
		if (email != null) {
			request.put("email", email);
		}
		if (phone != null) {
			request.put("phone", phone);
		}
		assertThat(RestClient.create("http://localhost:" + port).post().uri("/api/organizations/" + slug + "/followers")
			.contentType(MediaType.APPLICATION_JSON).body(request).retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(202);
		jdbc.sql("update follower_contact set consent = 'CONFIRMED' where address_hash in (:hashes)")
			.param("hashes", Sealed.hashes(java.util.stream.Stream.of(email, phone).filter(java.util.Objects::nonNull).toList()))
			.update();
	}

	private long meeting(Duration fromNow) {
		String id = "campaign-api-" + UUID.randomUUID();
		meetings.reconcile("campaign-api", List.of(new MeetingSnapshot("campaign-api", id, "City of Key West",
				"City Commission", "Regular Meeting", clock.instant().plus(fromNow), KEY_WEST,
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

	private Instant dueAt(long campaign) {
		return jdbc.sql("select next_attempt_at from notification where campaign_id = ? and kind = 'campaign'")
			.param(campaign).query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).single();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
