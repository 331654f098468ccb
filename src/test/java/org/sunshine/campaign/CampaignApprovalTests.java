package org.sunshine.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;
import org.sunshine.MutableClock;
import org.sunshine.TestClockConfiguration;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;

import tools.jackson.databind.JsonNode;

/** With {@code sunshine.campaign.approval-required}, a campaign waits for the admin, then goes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=target/no-feeds.yml", "sunshine.outbox-dir=target/test-outbox/campaign-approval",
		"sunshine.admin.password=test-admin", "sunshine.campaign.approval-required=true" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class CampaignApprovalTests {

	@LocalServerPort
	int port;

	@Autowired
	Meetings meetings;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void aCampaignWaitsForTheAdminsApprovalThenGoes() {
		RestClient admin = RestClient.builder().baseUrl("http://localhost:" + port)
			.defaultHeaders(headers -> headers.setBasicAuth("admin", "test-admin")).build();
		String token = admin.post().uri("/api/admin/organizations").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("slug", "approved", "name", "Approved Network")).retrieve().body(JsonNode.class)
			.get("organizerToken").asString();
		RestClient.create("http://localhost:" + port).post().uri("/api/organizations/approved/followers")
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("email", "waiting@example.org")).retrieve().toBodilessEntity();
		jdbc.sql("update follower_contact set consent = 'CONFIRMED'").update();
		meetings.reconcile("approval", List.of(new MeetingSnapshot("approval", "m1", "City of Key West", "City Commission",
				"Regular Meeting", clock.instant().plus(Duration.ofDays(3)), ZoneId.of("America/New_York"), "City Hall",
				MeetingStatus.SCHEDULED, null, null, null, List.of())));
		long meeting = jdbc.sql("select id from meeting where source_id = 'm1'").query(Long.class).single();

		JsonNode created = RestClient.create("http://localhost:" + port).post().uri("/api/organizer/campaigns")
			.headers(headers -> headers.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("meetingId", meeting, "ask", "attend", "message", Map.of("en", "Come"))).retrieve()
			.body(JsonNode.class);
		assertThat(created.get("status").asString()).isEqualTo("awaiting-approval");
		long id = created.get("id").asLong();
		assertThat(messages(id)).isZero();

		// The organizer may check it while it waits: the test goes, the campaign still waits.
		int tested = RestClient.create("http://localhost:" + port).post().uri("/api/organizer/campaigns/" + id + "/test")
			.headers(headers -> headers.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", "organizer@approved.example.org")).exchange((request, response) -> response.getStatusCode().value());
		assertThat(tested).isEqualTo(202);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
			.sql("select count(*) from notification where campaign_id = ? and kind = 'campaign-test' and status = 'SENT'")
			.param(id).query(Integer.class).single() == 1);
		assertThat(jdbc.sql("select status from campaign where id = ?").param(id).query(String.class).single())
			.isEqualTo("awaiting-approval");
		assertThat(messages(id)).isZero();

		assertThat(admin.post().uri("/api/admin/campaigns/" + id + "/approve").retrieve().toBodilessEntity().getStatusCode()
			.value()).isEqualTo(204);
		assertThat(messages(id)).isEqualTo(1);
		assertThat(jdbc.sql("select status from campaign where id = ?").param(id).query(String.class).single())
			.isEqualTo("sent");
		int again = admin.post().uri("/api/admin/campaigns/" + id + "/approve")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(again).isEqualTo(400);
	}

	private int messages(long campaign) {
		return jdbc.sql("select count(*) from notification where campaign_id = ? and kind = 'campaign'").param(campaign)
			.query(Integer.class).single();
	}

}
