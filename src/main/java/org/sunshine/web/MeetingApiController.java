package org.sunshine.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sunshine.matching.MeetingSearch;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingDocument;
import org.sunshine.meeting.Meetings;
import org.sunshine.system.InvalidFieldException;

/** {@code GET /api/meetings}: upcoming meetings with their agenda items. */
@RestController
class MeetingApiController {

	private static final Duration DEFAULT_SPAN = Duration.ofDays(90);

	private final Meetings meetings;

	private final MeetingSearch search;

	MeetingApiController(Meetings meetings, MeetingSearch search) {
		this.meetings = meetings;
		this.search = search;
	}

	/** A document by its title; {@code pages} once a PDF has been read. */
	record DocumentResponse(String title, String url, Integer pages) {
	}

	record ItemResponse(String number, String title, String text, String matterId, List<String> attachments,
			List<DocumentResponse> documents) {
	}

	record MeetingResponse(long id, String feed, String jurisdiction, String body, String title, String start,
			String timezone, String location, String status, String agendaUrl, String sourceUrl, String description,
			List<ItemResponse> items, List<DocumentResponse> documents) {
	}

	@GetMapping("/api/meetings")
	List<MeetingResponse> meetings(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String feed,
			@RequestParam(required = false) String q) {
		return find(from, to, feed, q).stream().map(MeetingApiController::response).toList();
	}

	/** The meetings the query names; the OCD export asks the same way. */
	List<Meeting> find(String from, String to, String feed, String q) {
		Instant start = from == null ? meetings.upcomingFrom() : instant("from", from);
		Instant end = to == null ? start.plus(DEFAULT_SPAN) : instant("to", to);
		if (!end.isAfter(start)) {
			throw new InvalidFieldException("to", "must be after 'from'");
		}
		// The interest language, matched as alerts match it: "287g" finds "287 (g)", "immigrations" "immigration".
		return search.filter(meetings.find(start, end, feed, null), q);
	}

	/** Accepts a date (2025-07-08, taken as UTC midnight) or a date-time with offset. */
	private static Instant instant(String field, String value) {
		try {
			return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
					: OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new InvalidFieldException(field, "an ISO-8601 date (2025-07-08) or date-time with offset (2025-07-08T17:00:00-04:00)");
		}
	}

	static MeetingResponse response(Meeting meeting) {
		return new MeetingResponse(meeting.id(), meeting.feedId(), meeting.jurisdiction(), meeting.body(),
				meeting.title(), JsonTimes.local(meeting.start(), meeting.zone()), meeting.zone().getId(),
				meeting.location(), meeting.status().name().toLowerCase(), meeting.agendaUrl(), meeting.sourceUrl(),
				meeting.description(), meeting.items().stream().map(MeetingApiController::item).toList(),
				documents(meeting.documents()));
	}

	private static ItemResponse item(AgendaItem item) {
		return new ItemResponse(item.number(), item.title(), item.text(), item.matterId(), item.attachments(),
				documents(item.documents()));
	}

	private static List<DocumentResponse> documents(List<MeetingDocument> documents) {
		return documents.stream().map(document -> new DocumentResponse(document.title(), document.url(), document.pages()))
			.toList();
	}

}
