package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sunshine.Sealed;
import org.sunshine.subscription.Channel;
import org.sunshine.system.crypto.ContactCipher;

/**
 * Queueing writes each new message once, with every column as given, on both databases: PostgreSQL inserts a
 * chunk as one statement over column arrays and lets the unique key skip repeats; H2 looks the keys up first.
 */
class OutboxEnqueueTests {

	final Instant now = Instant.parse("2026-07-03T14:00:00.123456Z");

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void eachKeyIsQueuedOnceWithWhatItWasGiven(String database) throws SQLException {
		try (MigratedDatabase migrated = MigratedDatabase.of(database)) {
			DataSource dataSource = migrated.dataSource();
			JdbcClient jdbc = migrated.jdbc();
			Outbox outbox = new Outbox(jdbc, new JdbcTemplate(dataSource), dataSource, ContactCipher.forKey(Sealed.TEST_KEY));
			OutboxMessage confirmation = OutboxMessage.rendered("confirm:1:EMAIL", null, Channel.EMAIL,
					"resident@example.org", "confirm", new OutboxMessage.Rendered("Confirm", "Tap the link",
							"<p>Tap</p>", Map.of("List-Unsubscribe", "<https://sunshine.example.org/u/1>"), null, null));
			Instant quietUntil = now.plusSeconds(8 * 3600);
			OutboxMessage held = OutboxMessage.rendered("confirm:1:SMS", null, Channel.SMS, "+13055550123", "confirm",
					OutboxMessage.Rendered.sms("Reply YES")).heldUntil(quietUntil);

			assertThat(outbox.enqueueAll(List.of(confirmation, held, confirmation), now)).as("a repeat in one call")
				.isEqualTo(2);
			OutboxMessage later = OutboxMessage.rendered("confirm:2:EMAIL", null, Channel.EMAIL, "other@example.org",
					"confirm", new OutboxMessage.Rendered("Again", "Changed text", null, Map.of(), null, null));
			OutboxMessage changedRepeat = OutboxMessage.rendered("confirm:1:EMAIL", null, Channel.EMAIL,
					"someone-else@example.org", "confirm", new OutboxMessage.Rendered("Other", "Other", null, Map.of(), null, null));
			assertThat(outbox.enqueueAll(List.of(changedRepeat, later), now)).as("a key queued before").isEqualTo(1);

			assertThat(jdbc.sql("select next_attempt_at from notification where idempotency_key = 'confirm:1:SMS'")
				.query(OffsetDateTime.class).single().toInstant()).isEqualTo(quietUntil);
			assertThat(jdbc.sql("select created_at from notification where idempotency_key = 'confirm:1:SMS'")
				.query(OffsetDateTime.class).single().toInstant()).isEqualTo(now);
			assertThat(jdbc.sql("select destination_hash from notification where idempotency_key = 'confirm:1:EMAIL'")
				.query(String.class).single()).isEqualTo(Sealed.hash("resident@example.org"));
			List<OutboxMessage> due = outbox.claim(Channel.EMAIL, 10, now, now.plusSeconds(60));
			assertThat(due).extracting(OutboxMessage::idempotencyKey).containsExactly("confirm:1:EMAIL", "confirm:2:EMAIL");
			OutboxMessage first = due.get(0);
			assertThat(first.destination()).isEqualTo("resident@example.org");
			assertThat(first.rendered()).isEqualTo(confirmation.rendered());
			assertThat(first.subscriberId()).isNull();
			assertThat(first.attempts()).isZero();
			assertThat(outbox.claim(Channel.SMS, 10, now, now.plusSeconds(60))).as("held until the quiet hours end").isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void sentEmailsAreRecordedWithTheirHandOverOutcomeAndWords(String database) throws SQLException {
		try (MigratedDatabase migrated = MigratedDatabase.of(database)) {
			DataSource dataSource = migrated.dataSource();
			JdbcClient jdbc = migrated.jdbc();
			Outbox outbox = new Outbox(jdbc, new JdbcTemplate(dataSource), dataSource, ContactCipher.forKey(Sealed.TEST_KEY));
			for (int i = 1; i <= 3; i++) {
				outbox.enqueueAll(List.of(OutboxMessage.rendered("alert:" + i, null, Channel.EMAIL, "r" + i + "@example.org",
						"announced", new OutboxMessage.Rendered("Reunión " + i, "Hola https://s.example.org/s/" + "t".repeat(24) + i,
								"<p>Hola</p>", Map.of(), "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "PUBLISH"))), now);
			}
			List<OutboxMessage> claimed = outbox.claim(Channel.EMAIL, 10, now, now.plusSeconds(300));
			Instant begun = now.plusMillis(5);
			Instant accepted = now.plusMillis(9);
			// The first two went from CLAIMED to SENT in one update; the third's hand-over was written first.
			outbox.handingOverAll(List.of(new OutboxRecorder.HandingOver(claimed.get(2), begun, null)));
			outbox.sentAll(claimed.stream().map(m -> new OutboxRecorder.Sent(m, "<id-" + m.idempotencyKey() + ">",
					m.rendered(), accepted, null)).toList(),
					Map.of(claimed.get(0).id(), begun, claimed.get(1).id(), begun));

			List<Map<String, Object>> rows = jdbc.sql("""
					select status, attempts, provider_id, handover_at, sent_at, subject, body_text, ics, ics_method,
					    claimed_until, body_html from notification order by idempotency_key""").query().listOfRows();
			assertThat(rows).hasSize(3);
			for (int i = 0; i < 3; i++) {
				Map<String, Object> row = lowerCase(rows.get(i));
				assertThat(row.get("status")).isEqualTo("SENT");
				assertThat(((Number) row.get("attempts")).intValue()).isOne();
				assertThat(row.get("provider_id")).isEqualTo("<id-alert:" + (i + 1) + ">");
				assertThat(jdbc.sql("select handover_at from notification where idempotency_key = ?").param("alert:" + (i + 1))
					.query(OffsetDateTime.class).single().toInstant()).isEqualTo(begun);
				assertThat(jdbc.sql("select sent_at from notification where idempotency_key = ?").param("alert:" + (i + 1))
					.query(OffsetDateTime.class).single().toInstant()).isEqualTo(accepted);
				assertThat(row.get("subject")).isEqualTo("Reunión " + (i + 1));
				assertThat(row.get("body_text")).as("kept without the link token").isEqualTo("Hola https://s.example.org/s/[token]");
				assertThat(row.get("ics")).isEqualTo("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
				assertThat(row.get("ics_method")).isEqualTo("PUBLISH");
				assertThat(row.get("claimed_until")).isNull();
				assertThat(row.get("body_html")).isNull();
			}
		}
	}

	private static Map<String, Object> lowerCase(Map<String, Object> row) {
		Map<String, Object> lower = new java.util.HashMap<>();
		row.forEach((key, value) -> lower.put(key.toLowerCase(java.util.Locale.ROOT), value));
		return lower;
	}

}
