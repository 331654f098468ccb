package org.sunshine.meeting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A meeting of a public body as Sunshine knows it now.
 *
 * @param sequence grows by one with every change, as iCalendar's SEQUENCE does
 */
public record Meeting(long id, String feedId, String sourceId, String jurisdiction, String body, String title,
		Instant start, ZoneId zone, String location, MeetingStatus status, String agendaUrl, String sourceUrl,
		String description, int sequence, List<AgendaItem> items) {

	public Meeting {
		items = items == null ? List.of() : List.copyOf(items);
	}

	public ZonedDateTime localStart() {
		return start.atZone(zone);
	}

	/** The agenda if there is one, else the meeting's page at its source. */
	public String link() {
		return agendaUrl != null ? agendaUrl : sourceUrl;
	}

	/** Special and emergency meetings are called on short notice; their alerts never wait. */
	public boolean isSpecial() {
		String text = ((title == null ? "" : title) + " " + (body == null ? "" : body) + " "
				+ (description == null ? "" : description)).toLowerCase();
		return text.contains("special") || text.contains("emergency");
	}

}
