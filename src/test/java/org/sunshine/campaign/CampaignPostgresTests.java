package org.sunshine.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.TestClockConfiguration;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;

/**
 * A campaign's whole life on the production database (PostgreSQL 15, a schema of its own dropped afterwards):
 * launch, sending through the outbox, an RSVP by text, counts, a move of the meeting with its corrections and
 * reminders planned again, and cancellation.
 */
@SpringBootTest(properties = { "sunshine.feeds-file=target/no-feeds.yml",
		"sunshine.outbox-dir=target/test-outbox/campaign-postgres" })
@ActiveProfiles({ "test", "postgres" })
@Import(TestClockConfiguration.class)
class CampaignPostgresTests {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	static final String SCHEMA = "campaign_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		if (System.getenv("CI") == null) {
			assumeTrue(reachable(), "PostgreSQL is not running on 127.0.0.1:5432");
		}
		registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.flyway.schemas", () -> SCHEMA);
		registry.add("spring.flyway.default-schema", () -> SCHEMA);
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Meetings meetings;

	@Autowired
	Organizations organizations;

	@Autowired
	Followers followers;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Rsvps rsvps;

	@Test
	void aCampaignIsSentAnsweredCorrectedAndCancelledOnPostgres() {
		organizations.create(new Organizations.NewOrganization("pg", "Postgres Network", List.of("es", "en")));
		Organization organization = organizations.bySlug("pg").orElseThrow();
		followers.follow("pg", "vecina@example.org", "+13055550199", null, "127.0.0.1");
		jdbc.sql("update follower_contact set consent = 'CONFIRMED'").update();
		long meeting = meeting(Instant.parse("2025-07-08T21:00:00Z"));

		long id = campaigns.create(organization, new Campaigns.NewCampaign(meeting, "attend",
				Map.of("es", "Venga", "en", "Come"), null, List.of("PT24H"), null)).id();
		await().atMost(Duration.ofSeconds(30)).until(() -> campaigns.view(organization, id).sent() == 2);
		assertThat(rsvps.answerBySms("+13055550199", "Voy")).hasValueSatisfying(reply -> assertThat(reply).contains("Postgres Network"));
		Campaigns.CampaignView view = campaigns.view(organization, id);
		assertThat(view.audience()).isEqualTo(1);
		assertThat(view.rsvp().going()).isEqualTo(1);

		meeting(Instant.parse("2025-07-08T22:00:00Z"));
		await().atMost(Duration.ofSeconds(30)).until(() -> campaigns.view(organization, id).corrections() == 2);
		assertThat(jdbc.sql("select next_attempt_at from notification where kind = 'campaign-reminder' and status = 'PENDING'")
			.query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).list())
			.containsExactlyInAnyOrder(Instant.parse("2025-07-07T22:00:00Z"), Instant.parse("2025-07-07T22:00:00Z"));

		assertThat(campaigns.cancel(organization, id).status()).isEqualTo("cancelled");
		assertThat(jdbc.sql("select count(*) from notification where kind = 'campaign-reminder' and status = 'PENDING'")
			.query(Integer.class).single()).isZero();
	}

	private long meeting(Instant start) {
		meetings.reconcile("campaign-pg", List.of(new MeetingSnapshot("campaign-pg", "special", "City of Key West",
				"City Commission", "Special Meeting", start, ZoneId.of("America/New_York"), "City Hall",
				MeetingStatus.SCHEDULED, null, null, null, List.of())));
		return jdbc.sql("select id from meeting where source_id = 'special'").query(Long.class).single();
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		if (!reachable()) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + SCHEMA + " cascade");
		}
	}

	private static boolean reachable() {
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
			return connection.isValid(2);
		}
		catch (SQLException e) {
			return false;
		}
	}

}
