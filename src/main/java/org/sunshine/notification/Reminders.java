package org.sunshine.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.sunshine.meeting.ChangeKind;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.subscription.Recipient;
import org.sunshine.subscription.Subscriptions;

/**
 * Reminders before meetings a subscriber was told about (24 h and 2 h before by default). They are rows
 * with a due time: they move when the meeting moves, are withdrawn when it is cancelled, and a restart
 * neither loses one nor — thanks to the outbox key, which names the meeting's start — sends one twice.
 */
@Component
class Reminders {

	private static final Logger log = LoggerFactory.getLogger(Reminders.class);

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final Meetings meetings;

	private final Subscriptions subscriptions;

	private final AlertSender sender;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Reminders(JdbcClient jdbc, Meetings meetings, Subscriptions subscriptions, Outbox outbox,
			AlertSender sender, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.meetings = meetings;
		this.subscriptions = subscriptions;
		this.outbox = outbox;
		this.sender = sender;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Keeps the meeting's reminders in step with it: withdrawn when cancelled, moved when it moves. */
	void follow(MeetingRevision revision, Instant now) {
		Meeting meeting = revision.meeting();
		if (meeting.status() == MeetingStatus.CANCELLED) {
			jdbc.sql("update reminder set status = 'WITHDRAWN' where meeting_id = ? and status = 'PENDING'")
				.param(meeting.id()).update();
			return;
		}
		if (!revision.has(ChangeKind.RESCHEDULED) && !revision.has(ChangeKind.REINSTATED)) {
			return;
		}
		// One statement per distinct lead, however many people hold reminders for this meeting.
		List<Duration> leads = jdbc.sql("select distinct lead from reminder where meeting_id = ?").param(meeting.id())
			.query((rs, row) -> Duration.parse(rs.getString(1))).list();
		for (Duration lead : leads) {
			Instant due = meeting.start().minus(lead);
			jdbc.sql("""
					update reminder set meeting_start = ?, due_at = ?, status = ?
					where meeting_id = ? and lead = ? and status in ('PENDING', 'SENT', 'WITHDRAWN')""")
				.params(utc(meeting.start()), utc(due), due.isAfter(now) ? "PENDING" : "SKIPPED", meeting.id(),
						lead.toString())
				.update();
		}
	}

	/** Queues every reminder that is due; returns how many were queued. */
	int sendDue() {
		Instant now = clock.instant();
		List<Long> due = jdbc.sql("select id from reminder where status = 'PENDING' and due_at <= ? order by due_at")
			.param(utc(now)).query(Long.class).list();
		return EachInOwnTransaction.run(due, transactions, id -> send(id, now), log, "Reminder");
	}

	private boolean send(long id, Instant now) {
		record Row(long subscriberId, long meetingId, Duration lead, Instant start) {
		}
		Row row = jdbc.sql("select subscriber_id, meeting_id, lead, meeting_start from reminder where id = ? and status = 'PENDING'")
			.param(id)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), Duration.parse(rs.getString(3)),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.optional().orElse(null);
		if (row == null) {
			return false;
		}
		Meeting meeting = meetings.find(row.meetingId()).orElse(null);
		Recipient recipient = subscriptions.recipient(row.subscriberId()).orElse(null);
		boolean current = meeting != null && recipient != null && meeting.status() != MeetingStatus.CANCELLED
				&& meeting.start().equals(row.start()) && meeting.start().isAfter(now);
		jdbc.sql("update reminder set status = ? where id = ?").params(current ? "SENT" : "SKIPPED", id).update();
		if (current) {
			List<String> told = List.copyOf(outbox.toldAbout(meeting.id(), row.subscriberId()));
			sender.remind(recipient, meeting, row.lead(), told, now);
		}
		return current;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
