package org.sunshine.notification;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.sunshine.matching.Match;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingRevision;
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

	private final JdbcTemplate batch;

	private final Meetings meetings;

	private final Subscriptions subscriptions;

	private final DigestComposer composer;

	private final AlertSender sender;

	private final NotificationProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Digests(JdbcClient jdbc, JdbcTemplate batch, Meetings meetings, Subscriptions subscriptions, DigestComposer composer, AlertSender sender,
			NotificationProperties properties, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.meetings = meetings;
		this.subscriptions = subscriptions;
		this.composer = composer;
		this.sender = sender;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A non-critical match held for one subscriber's next digest. */
	record Held(long subscriberId, List<Match> matches, List<String> itemKeys) {
	}

	/** Holds the matches for their subscribers' next digests, with batched statements. */
	void hold(MeetingRevision revision, List<Held> held, Instant now) {
		if (held.isEmpty()) {
			return;
		}
		String kind = AlertComposer.primaryKind(revision);
		batch.batchUpdate("""
				insert into digest_entry (subscriber_id, meeting_id, revision_id, kind, terms, items, item_keys, created_at)
				select ?, ?, ?, ?, ?, ?, ?, ? where not exists
				    (select 1 from digest_entry where subscriber_id = ? and revision_id = ?)""", held.stream().map(h -> {
			List<String> terms = h.matches().stream().flatMap(match -> match.terms().stream()).distinct().toList();
			List<String> items = h.matches().stream().flatMap(match -> match.items().stream())
				.map(item -> AlertComposer.itemLabel(item.number(), item.title())).distinct().toList();
			return new Object[] { h.subscriberId(), revision.meeting().id(), revision.revisionId(), kind,
					Columns.lines(terms, 2_000), Columns.lines(items, 8_000), Columns.lines(h.itemKeys(), 8_000), utc(now),
					h.subscriberId(), revision.revisionId() };
		}).toList());
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
		Long firstMeeting = jdbc.sql("select min(meeting_id) from digest_entry where subscriber_id = ? and digest_key is null")
			.param(subscriberId).query(Long.class).optional().orElse(null);
		if (firstMeeting == null) {
			return false;
		}
		ZoneId zone = recipient.zone() != null ? recipient.zone()
				: meetings.find(firstMeeting).map(Meeting::zone).orElse(ZoneOffset.UTC);
		Instant slot = recipient.delivery() == Delivery.IMMEDIATE ? now : latestSlot(now, zone, recipient);
		String key = "digest:" + subscriberId + ":" + slot.getEpochSecond();
		int taken = jdbc.sql("update digest_entry set digest_key = ? where subscriber_id = ? and digest_key is null and created_at <= ?")
			.params(key, subscriberId, utc(slot)).update();
		if (taken == 0) {
			return false;
		}
		Map<Meeting, List<DigestComposer.Entry>> byMeeting = entries(key, now);
		if (byMeeting.isEmpty()) {
			return false;
		}
		List<String> itemKeys = byMeeting.values().stream().flatMap(List::stream)
			.flatMap(entry -> entry.itemKeys().stream()).distinct().toList();
		sender.digest(recipient, key, recipient.delivery() == Delivery.WEEKLY ? "weekly" : "daily", itemKeys, now);
		return true;
	}

	/** The digest taken under {@code digestKey}, composed when it leaves: meetings already over are left out. */
	Optional<DigestComposer.Digest> compose(Recipient recipient, String digestKey, String period, Instant now) {
		Map<Meeting, List<DigestComposer.Entry>> byMeeting = entries(digestKey, now);
		return byMeeting.isEmpty() ? Optional.empty() : Optional.of(composer.compose(recipient, period, byMeeting));
	}

	private Map<Meeting, List<DigestComposer.Entry>> entries(String digestKey, Instant now) {
		List<DigestComposer.Entry> rows = jdbc.sql("""
				select meeting_id, kind, terms, items, item_keys from digest_entry where digest_key = ? order by id""")
			.param(digestKey)
			.query((rs, n) -> new DigestComposer.Entry(rs.getLong(1), rs.getString(2), lines(rs.getString(3)),
					lines(rs.getString(4)), lines(rs.getString(5))))
			.list();
		Map<Long, Optional<Meeting>> found = new HashMap<>();
		Map<Meeting, List<DigestComposer.Entry>> byMeeting = new LinkedHashMap<>();
		for (DigestComposer.Entry entry : rows) {
			found.computeIfAbsent(entry.meetingId(), meetings::find)
				.filter(meeting -> meeting.start().isAfter(now))
				.ifPresent(meeting -> byMeeting.computeIfAbsent(meeting, m -> new ArrayList<>()).add(entry));
		}
		return byMeeting;
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
