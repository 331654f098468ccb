package org.sunshine.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sunshine.subscription.Channel;

/**
 * The persisted outbox. A message is written in the same transaction as the change that caused it,
 * claimed before it is handed to a provider, and marked with the provider's answer afterwards.
 * States: PENDING → SENDING → SENT | FAILED (permanent) | UNCERTAIN (interrupted mid-send: never resent,
 * because the provider may have accepted it).
 */
@Repository
class Outbox {

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds the message unless one with the same idempotency key exists; true when added. The unique key
	 * is the backstop; the look-up first keeps a repeat from aborting the caller's transaction.
	 */
	boolean enqueue(OutboxMessage message, Instant now) {
		boolean exists = jdbc.sql("select count(*) from notification where idempotency_key = ?")
			.param(message.idempotencyKey()).query(Integer.class).single() > 0;
		if (exists) {
			return false;
		}
		Instant due = message.notBefore() != null && message.notBefore().isAfter(now) ? message.notBefore() : now;
		jdbc.sql("""
				insert into notification (idempotency_key, subscriber_id, channel, destination, kind, meeting_id,
				    subject, body_text, body_html, headers, ics, ics_method, item_keys, status, attempts, next_attempt_at,
				    created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
			.params(message.idempotencyKey(), message.subscriberId(), message.channel().name(), message.destination(),
					message.kind(), message.meetingId(), message.subject(), message.text(), message.html(),
					encode(message.headers()), message.ics(), message.icsMethod(), String.join("\n", message.itemKeys()),
					utc(due), utc(now))
			.update();
		return true;
	}

	List<Long> due(Instant now, int limit) {
		return jdbc.sql("select id from notification where status = 'PENDING' and next_attempt_at <= ? order by id")
			.param(utc(now)).query(Long.class).list().stream().limit(limit).toList();
	}

	/** Takes the message for sending; false when another thread or node took it first. */
	boolean claim(long id, Instant now, Instant until) {
		return jdbc.sql("""
				update notification set status = 'SENDING', claimed_until = ?, attempts = attempts + 1
				where id = ? and status = 'PENDING' and next_attempt_at <= ?""")
			.params(utc(until), id, utc(now)).update() == 1;
	}

	OutboxMessage get(long id) {
		return jdbc.sql("select * from notification where id = ?").param(id).query(Outbox::message).single();
	}

	void sent(long id, String providerId, Instant now) {
		jdbc.sql("update notification set status = 'SENT', provider_id = ?, sent_at = ?, claimed_until = null, last_error = null where id = ?")
			.params(providerId, utc(now), id).update();
	}

	void retry(long id, String error, Instant at) {
		jdbc.sql("update notification set status = 'PENDING', last_error = ?, next_attempt_at = ?, claimed_until = null where id = ?")
			.params(error, utc(at), id).update();
	}

	void failed(long id, String error) {
		jdbc.sql("update notification set status = 'FAILED', last_error = ?, claimed_until = null where id = ?")
			.params(error, id).update();
	}

	/** Messages whose sender died mid-send: the provider may or may not have them, so they are not resent. */
	int markInterrupted(Instant now) {
		return jdbc.sql("""
				update notification set status = 'UNCERTAIN', last_error = 'interrupted while sending; not resent to avoid a duplicate'
				where status = 'SENDING' and claimed_until < ?""")
			.param(utc(now)).update();
	}

	/**
	 * Who was told about a meeting (by a message not given up on, or in a digest), and about which of its
	 * agenda items: they are the people a correction must reach.
	 */
	Map<Long, Set<String>> toldAbout(long meetingId) {
		Map<Long, Set<String>> told = new HashMap<>();
		jdbc.sql("""
				select subscriber_id, item_keys from notification
				where meeting_id = ? and subscriber_id is not null and kind <> 'confirm' and status <> 'FAILED'
				union all
				select subscriber_id, item_keys from digest_entry where meeting_id = ?""")
			.params(meetingId, meetingId)
			.query((rs, row) -> {
				Set<String> items = told.computeIfAbsent(rs.getLong(1), id -> new HashSet<>());
				String keys = rs.getString(2);
				if (keys != null && !keys.isBlank()) {
					items.addAll(List.of(keys.split("\n")));
				}
				return null;
			})
			.list();
		return told;
	}

	/** Stops everything still waiting for a destination (an opted-out number). */
	int cancelPending(Channel channel, String destination, String reason) {
		return jdbc.sql("update notification set status = 'FAILED', last_error = ? where status = 'PENDING' and channel = ? and destination = ?")
			.params(reason, channel.name(), destination).update();
	}

	private static OutboxMessage message(ResultSet rs, int row) throws SQLException {
		long subscriber = rs.getLong("subscriber_id");
		Long subscriberId = rs.wasNull() ? null : subscriber;
		long meeting = rs.getLong("meeting_id");
		Long meetingId = rs.wasNull() ? null : meeting;
		String items = rs.getString("item_keys");
		return new OutboxMessage(rs.getLong("id"), rs.getString("idempotency_key"), subscriberId,
				Channel.valueOf(rs.getString("channel")), rs.getString("destination"), rs.getString("kind"), meetingId,
				rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"),
				decode(rs.getString("headers")), rs.getInt("attempts"), rs.getString("ics"), rs.getString("ics_method"),
				items == null || items.isBlank() ? List.of() : List.of(items.split("\n")), null);
	}

	// Headers are few and simple (List-Unsubscribe...): one "name: value" per line.
	private static String encode(Map<String, String> headers) {
		return headers == null || headers.isEmpty() ? null
				: headers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
	}

	private static Map<String, String> decode(String headers) {
		Map<String, String> decoded = new LinkedHashMap<>();
		if (headers != null) {
			headers.lines().filter(line -> line.contains(": "))
				.forEach(line -> decoded.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2)));
		}
		return decoded;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
