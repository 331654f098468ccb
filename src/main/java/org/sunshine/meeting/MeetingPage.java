package org.sunshine.meeting;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param meetings the page's meetings in start order, with their items and documents
 * @param next where the next page starts, or null when this is the last
 */
public record MeetingPage(List<Meeting> meetings, MeetingCursor next) {

	public MeetingPage {
		meetings = List.copyOf(meetings);
	}

	public boolean hasNext() {
		return next != null;
	}

}
