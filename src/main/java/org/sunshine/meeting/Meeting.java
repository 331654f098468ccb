package org.sunshine.meeting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A meeting of a public body as Sunshine knows it now.
 *
 * @param sequence grows by one with every change, as iCalendar's SEQUENCE does
 * @param documents the meeting's own documents (agenda, packet); items carry their own
 */
public record Meeting(long id, String feedId, String sourceId, String jurisdiction, String body, String title,
		Instant start, ZoneId zone, String location, MeetingStatus status, String agendaUrl, String sourceUrl,
		String description, int sequence, List<AgendaItem> items, List<MeetingDocument> documents) {

	public Meeting {
		items = items == null ? List.of() : List.copyOf(items);
		documents = documents == null ? List.of() : List.copyOf(documents);
	}

	public Meeting(long id, String feedId, String sourceId, String jurisdiction, String body, String title,
			Instant start, ZoneId zone, String location, MeetingStatus status, String agendaUrl, String sourceUrl,
			String description, int sequence, List<AgendaItem> items) {
		this(id, feedId, sourceId, jurisdiction, body, title, start, zone, location, status, agendaUrl, sourceUrl,
				description, sequence, items, List.of());
	}

	/** Every document of the meeting and of its items, each with the key of its item (null for the meeting's own). */
	public List<Documented> allDocuments() {
		List<Documented> all = new java.util.ArrayList<>();
		documents.forEach(document -> all.add(new Documented(null, document)));
		items.forEach(item -> item.documents().forEach(document -> all.add(new Documented(item.key(), document))));
		return all;
	}

	/** A document and the item it belongs to ({@code itemKey} null: the meeting's own). */
	public record Documented(String itemKey, MeetingDocument document) {
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
