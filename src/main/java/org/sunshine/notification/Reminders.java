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
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.sunshine.meeting.ChangeKind;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingChanged;
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

	private final Meetings meetings;

	private final Subscriptions subscriptions;

	private final AlertSender sender;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Reminders(JdbcClient jdbc, Meetings meetings, Subscriptions subscriptions, AlertSender sender,
			TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.meetings = meetings;
		this.subscriptions = subscriptions;
		this.sender = sender;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Plans the subscriber's reminders for a meeting they were told about; those already past are skipped. */
	void schedule(long subscriberId, Meeting meeting, List<Duration> leads, Instant now) {
		for (Duration lead : leads) {
			Instant due = meeting.start().minus(lead);
			if (due.isAfter(now)) {
				jdbc.sql("""
						insert into reminder (subscriber_id, meeting_id, lead, meeting_start, due_at, status)
						select ?, ?, ?, ?, ?, 'PENDING' where not exists
						    (select 1 from reminder where subscriber_id = ? and meeting_id = ? and lead = ?)""")
					.params(subscriberId, meeting.id(), lead.toString(), utc(meeting.start()), utc(due), subscriberId,
							meeting.id(), lead.toString())
					.update();
			}
		}
	}

	/** Keeps the meeting's reminders in step with it: withdrawn when cancelled, moved when it moves. */
	void follow(MeetingChanged event, Instant now) {
		Meeting meeting = event.meeting();
		if (meeting.status() == MeetingStatus.CANCELLED) {
			jdbc.sql("update reminder set status = 'WITHDRAWN' where meeting_id = ? and status = 'PENDING'")
				.param(meeting.id()).update();
			return;
		}
		if (!event.has(ChangeKind.RESCHEDULED) && !event.has(ChangeKind.REINSTATED)) {
			return;
		}
		record Row(long id, Duration lead) {
		}
		List<Row> rows = jdbc.sql("select id, lead from reminder where meeting_id = ? and status in ('PENDING', 'SENT', 'WITHDRAWN')")
			.param(meeting.id())
			.query((rs, row) -> new Row(rs.getLong(1), Duration.parse(rs.getString(2))))
			.list();
		for (Row row : rows) {
			Instant due = meeting.start().minus(row.lead());
			jdbc.sql("update reminder set meeting_start = ?, due_at = ?, status = ? where id = ?")
				.params(utc(meeting.start()), utc(due), due.isAfter(now) ? "PENDING" : "SKIPPED", row.id())
				.update();
		}
	}

	@Scheduled(fixedDelayString = "${sunshine.notification.reminder-sweep:30s}")
	void sweep() {
		sendDue();
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
			sender.remind(recipient, meeting, row.lead(), now);
		}
		return current;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
