package org.sunshine.notification;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.sunshine.matching.Match;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingChanged;
import org.sunshine.meeting.Meetings;
import org.sunshine.subscription.Delivery;
import org.sunshine.subscription.Recipient;
import org.sunshine.subscription.Subscriptions;

/**
 * Daily and weekly digests. A non-critical match for a digest subscriber is held as an entry; at the
 * subscriber's local digest hour every entry held since the last digest goes out in one message, grouped
 * by meeting. The digest is queued and its entries marked taken in one transaction: nothing is in two.
 */
@Component
class Digests {

	private static final Logger log = LoggerFactory.getLogger(Digests.class);

	private final JdbcClient jdbc;

	private final Meetings meetings;

	private final Subscriptions subscriptions;

	private final DigestComposer composer;

	private final AlertSender sender;

	private final NotificationProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Digests(JdbcClient jdbc, Meetings meetings, Subscriptions subscriptions, DigestComposer composer, AlertSender sender,
			NotificationProperties properties, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.meetings = meetings;
		this.subscriptions = subscriptions;
		this.composer = composer;
		this.sender = sender;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	void hold(Recipient recipient, MeetingChanged event, List<Match> matches, List<String> itemKeys, Instant now) {
		List<String> terms = matches.stream().flatMap(match -> match.terms().stream()).distinct().toList();
		List<String> items = matches.stream().flatMap(match -> match.items().stream())
			.map(item -> AlertComposer.itemLabel(item.number(), item.title())).distinct().toList();
		jdbc.sql("""
				insert into digest_entry (subscriber_id, meeting_id, revision_id, kind, terms, items, item_keys, created_at)
				select ?, ?, ?, ?, ?, ?, ?, ? where not exists
				    (select 1 from digest_entry where subscriber_id = ? and revision_id = ?)""")
			.params(recipient.subscriberId(), event.meeting().id(), event.revisionId(), AlertComposer.primaryKind(event),
					String.join("\n", terms), String.join("\n", items), String.join("\n", itemKeys), utc(now),
					recipient.subscriberId(), event.revisionId())
			.update();
	}

	@Scheduled(fixedDelayString = "${sunshine.notification.reminder-sweep:30s}")
	void sweep() {
		sendDue();
	}

	/** Queues every digest whose time has come; returns how many subscribers got one. */
	int sendDue() {
		Instant now = clock.instant();
		List<Long> waiting = jdbc.sql("select distinct subscriber_id from digest_entry where digest_key is null")
			.query(Long.class).list();
		return EachInOwnTransaction.run(waiting, transactions, subscriber -> send(subscriber, now), log,
				"Digest for subscriber");
	}

	private boolean send(long subscriberId, Instant now) {
		Recipient recipient = subscriptions.recipient(subscriberId).orElse(null);
		if (recipient == null) {
			return false;
		}
		record Row(long id, long meetingId, DigestComposer.Entry entry) {
		}
		List<Row> rows = jdbc.sql("""
				select id, meeting_id, kind, terms, items, item_keys, created_at from digest_entry
				where subscriber_id = ? and digest_key is null order by id""")
			.param(subscriberId)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), new DigestComposer.Entry(rs.getLong(2), rs.getString(3),
					lines(rs.getString(4)), lines(rs.getString(5)), lines(rs.getString(6)))))
			.list();
		if (rows.isEmpty()) {
			return false;
		}
		Meeting first = meetings.find(rows.get(0).meetingId()).orElse(null);
		ZoneId zone = recipient.zone() != null ? recipient.zone() : first != null ? first.zone() : ZoneOffset.UTC;
		Instant slot = recipient.delivery() == Delivery.IMMEDIATE ? now : latestSlot(now, zone, recipient);
		List<Long> createdBeforeSlot = jdbc.sql("select id from digest_entry where subscriber_id = ? and digest_key is null and created_at <= ?")
			.params(subscriberId, utc(slot)).query(Long.class).list();
		if (createdBeforeSlot.isEmpty()) {
			return false;
		}
		Map<Meeting, List<DigestComposer.Entry>> byMeeting = new LinkedHashMap<>();
		for (Row row : rows) {
			if (createdBeforeSlot.contains(row.id())) {
				meetings.find(row.meetingId()).filter(meeting -> meeting.start().isAfter(now))
					.ifPresent(meeting -> byMeeting.computeIfAbsent(meeting, m -> new java.util.ArrayList<>()).add(row.entry()));
			}
		}
		String key = "digest:" + subscriberId + ":" + slot.getEpochSecond();
		for (long id : createdBeforeSlot) {
			jdbc.sql("update digest_entry set digest_key = ? where id = ?").params(key, id).update();
		}
		if (!byMeeting.isEmpty()) {
			String period = recipient.delivery() == Delivery.WEEKLY ? "weekly" : "daily";
			sender.digest(recipient, key, composer.compose(recipient, period, byMeeting), now);
		}
		return !byMeeting.isEmpty();
	}

	/** The latest digest time at or before now: today's (or this week's) digest hour in the subscriber's zone. */
	Instant latestSlot(Instant now, ZoneId zone, Recipient recipient) {
		ZonedDateTime local = now.atZone(zone);
		ZonedDateTime slot = local.with(LocalTime.of(recipient.digestHour(), 0));
		if (slot.isAfter(local)) {
			slot = slot.minusDays(1);
		}
		if (recipient.delivery() == Delivery.WEEKLY) {
			DayOfWeek day = properties.weeklyDigestDay();
			while (slot.getDayOfWeek() != day) {
				slot = slot.minusDays(1);
			}
		}
		return slot.toInstant();
	}

	private static List<String> lines(String joined) {
		return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split("\n"));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
