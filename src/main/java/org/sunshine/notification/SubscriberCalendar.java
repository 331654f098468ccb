package org.sunshine.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingCalendar;
import org.sunshine.meeting.Meetings;

/** A subscriber's private calendar feed: the upcoming meetings Sunshine told them about. */
@Service
public class SubscriberCalendar {

	private final JdbcClient jdbc;

	private final Meetings meetings;

	private final Clock clock;

	SubscriberCalendar(JdbcClient jdbc, Meetings meetings, Clock clock) {
		this.jdbc = jdbc;
		this.meetings = meetings;
		this.clock = clock;
	}

	/** At most {@code maxMeetings} meetings, the earliest, within {@code horizon} of now. */
	public String ics(long subscriberId, Duration horizon, int maxMeetings) {
		List<Long> ids = jdbc.sql("""
				select distinct meeting_id from notification where subscriber_id = ? and meeting_id is not null
				    and kind <> 'confirm' and status <> 'FAILED'
				union select distinct meeting_id from digest_entry where subscriber_id = ?""")
			.params(subscriberId, subscriberId).query(Long.class).list();
		List<Meeting> upcoming = meetings.upcomingAmong(ids, horizon, maxMeetings);
		return MeetingCalendar.publish("Sunshine: my meetings", upcoming, clock.instant());
	}

}
