package org.sunshine.web;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingStatus;

/** A meeting's official facts as a page shows them: body, local time and zone, place, how to take part. */
record MeetingTimes(String jurisdiction, String name, String when, String location, String notes, String link,
		boolean cancelled) {

	static MeetingTimes of(Meeting meeting, Locale locale) {
		DateTimeFormatter format = DateTimeFormatter.ofPattern("EEE, MMM d, yyyy, h:mm a z", locale);
		String name = meeting.title() == null || meeting.title().equalsIgnoreCase(meeting.body()) ? meeting.body()
				: meeting.body() + " – " + meeting.title();
		return new MeetingTimes(meeting.jurisdiction(), name, format.format(meeting.localStart()), meeting.location(),
				meeting.description(), meeting.link(), meeting.status() == MeetingStatus.CANCELLED);
	}

}
