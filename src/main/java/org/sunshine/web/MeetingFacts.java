package org.sunshine.web;

import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.MeetingTimes;

/** A meeting's official facts as a page shows them: body, local time and zone, place, how to take part. */
record MeetingFacts(String jurisdiction, String name, String when, String location, String notes, String link,
		boolean cancelled) {

	static MeetingFacts of(Meeting meeting, String language) {
		String name = meeting.title() == null || meeting.title().equalsIgnoreCase(meeting.body()) ? meeting.body()
				: meeting.body() + " – " + meeting.title();
		return new MeetingFacts(meeting.jurisdiction(), name, MeetingTimes.format(meeting.start(), meeting.zone(), language),
				meeting.location(), meeting.description(), meeting.link(), meeting.status() == MeetingStatus.CANCELLED);
	}

}
