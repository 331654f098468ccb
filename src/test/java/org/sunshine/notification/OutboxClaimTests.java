package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.sunshine.Sealed;
import org.sunshine.subscription.Channel;
import org.sunshine.system.crypto.ContactCipher;

/**
 * On H2 (the embedded single node) a sender's claim reads the rows it takes, not every due row: with a broadcast
 * of thousands queued, each claim of 50 sorting all of them was a quarter of the senders' time. The earliest due
 * still leave first. (PostgreSQL's plan: PostgresIntegrationTests.)
 */
class OutboxClaimTests {

	final Instant now = Instant.parse("2026-07-03T14:00:00Z");

	@Test
	void aClaimOnH2ReadsOnlyTheRowsItTakesTheEarliestDueFirst() {
		DataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:claim_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load().migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		Outbox outbox = new Outbox(jdbc, new JdbcTemplate(dataSource), dataSource, ContactCipher.forKey(Sealed.TEST_KEY));
		List<OutboxMessage> broadcast = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			broadcast.add(OutboxMessage.rendered("alert:" + i, null, Channel.EMAIL, "resident" + i + "@example.org", "alert",
					new OutboxMessage.Rendered("Stormwater", "Item 4", null, java.util.Map.of(), null, null)));
		}
		outbox.enqueueAll(broadcast, now);
		// Queued later, but due a minute before the broadcast (a retry, say): it leaves first.
		outbox.enqueueAll(List.of(OutboxMessage.rendered("retry:1", null, Channel.EMAIL, "early@example.org", "alert",
				new OutboxMessage.Rendered("Earlier", "Due first", null, java.util.Map.of(), null, null))
			.heldUntil(now.minusSeconds(60))), now.minusSeconds(120));

		String plan = jdbc.sql("explain analyze " + outbox.dueQuery()).param("channel", "EMAIL")
			.param("now", now.atOffset(java.time.ZoneOffset.UTC)).param("limit", 50).query(String.class).single();
		Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan);
		assertThat(scanned.find()).as(plan).isTrue();
		assertThat(Integer.parseInt(scanned.group(1))).as(plan).isLessThanOrEqualTo(51);

		List<OutboxMessage> first = outbox.claim(Channel.EMAIL, 50, now, now.plusSeconds(60));
		assertThat(first).hasSize(50);
		assertThat(first).extracting(OutboxMessage::idempotencyKey).contains("retry:1");
		assertThat(first).extracting(OutboxMessage::idempotencyKey).doesNotContain("alert:49");
		assertThat(outbox.claim(Channel.EMAIL, 50, now, now.plusSeconds(60))).extracting(OutboxMessage::idempotencyKey)
			.contains("alert:49").doesNotContainAnyElementsOf(first.stream().map(OutboxMessage::idempotencyKey).toList());
	}

}
