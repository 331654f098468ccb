package org.sunshine.meeting;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One meeting as a feed published it on one poll: what a reader hands over for reconciliation.
 *
 * @param feedId the configured feed it came from
 * @param sourceId the source's stable id for the meeting (Legistar EventId, iCalendar UID plus
 *        recurrence date, RSS guid); unique within the feed
 * @param jurisdiction the feed's display name ("City of Key West")
 * @param body the public body ("City Commission"), or the feed's name when the source names none
 * @param title the meeting's title ("Special Meeting"), often the same as the body
 * @param start when it starts
 * @param zone the local zone in which the source states the time
 * @param location where, as the source writes it, or null
 * @param status scheduled or cancelled as the source shows it
 * @param agendaUrl the agenda document or page, or null
 * @param sourceUrl the meeting's page at the source, or null
 * @param description free text about the meeting (comments, dial-in text), or null
 * @param items agenda items in agenda order; empty when no agenda is published yet
 * @param documents the meeting's own documents (agenda, packet), not those of one item
 */
public record MeetingSnapshot(String feedId, String sourceId, String jurisdiction, String body, String title,
		Instant start, ZoneId zone, String location, MeetingStatus status, String agendaUrl, String sourceUrl,
		String description, List<AgendaItemSnapshot> items, List<DocumentLink> documents) {

	public MeetingSnapshot {
		Objects.requireNonNull(feedId, "feedId");
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(zone, "zone");
		// What a source writes is cleaned and fitted to the columns of table meeting (V2__sunshine.sql) here, where
		// it enters the module, so that no text of any feed can fail the insert.
		sourceId = SourceText.id(Objects.requireNonNull(sourceId, "sourceId"), 512);
		if (sourceId == null) {
			throw new IllegalArgumentException("sourceId has no visible characters");
		}
		jurisdiction = SourceText.line(jurisdiction, 300);
		body = SourceText.line(body, 500);
		title = SourceText.line(title, 1000);
		location = SourceText.lines(location, 4000);
		agendaUrl = SourceText.url(agendaUrl, 2000);
		sourceUrl = SourceText.url(sourceUrl, 2000);
		description = SourceText.lines(description, 20000);
		status = status == null ? MeetingStatus.SCHEDULED : status;
		items = items == null ? List.of() : List.copyOf(items);
		documents = documents == null ? List.of() : AgendaItemSnapshot.fittedDocuments(documents);
	}

	public MeetingSnapshot(String feedId, String sourceId, String jurisdiction, String body, String title,
			Instant start, ZoneId zone, String location, MeetingStatus status, String agendaUrl, String sourceUrl,
			String description, List<AgendaItemSnapshot> items) {
		this(feedId, sourceId, jurisdiction, body, title, start, zone, location, status, agendaUrl, sourceUrl,
				description, items, List.of());
	}

	/** The same meeting with these documents of its own. */
	public MeetingSnapshot withDocuments(DocumentLink... links) {
		return new MeetingSnapshot(feedId, sourceId, jurisdiction, body, title, start, zone, location, status, agendaUrl,
				sourceUrl, description, items, List.of(links));
	}

	/** The same meeting with another agenda. */
	public MeetingSnapshot withItems(AgendaItemSnapshot... agenda) {
		return new MeetingSnapshot(feedId, sourceId, jurisdiction, body, title, start, zone, location, status, agendaUrl,
				sourceUrl, description, List.of(agenda), documents);
	}

	/** The same meeting at another time and place. */
	public MeetingSnapshot at(Instant newStart, String newLocation) {
		return new MeetingSnapshot(feedId, sourceId, jurisdiction, body, title, newStart, zone, newLocation, status,
				agendaUrl, sourceUrl, description, items, documents);
	}

	/** The same meeting, marked cancelled by its source. */
	public MeetingSnapshot cancelled() {
		return new MeetingSnapshot(feedId, sourceId, jurisdiction, body, title, start, zone, location,
				MeetingStatus.CANCELLED, agendaUrl, sourceUrl, description, items, documents);
	}

	/** The same meeting under another title. */
	public MeetingSnapshot titled(String newTitle) {
		return new MeetingSnapshot(feedId, sourceId, jurisdiction, body, newTitle, start, zone, location, status, agendaUrl,
				sourceUrl, description, items, documents);
	}

}
