package org.sunshine.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.sunshine.matching.MeetingSearch;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingCursor;
import org.sunshine.meeting.MeetingDocument;
import org.sunshine.meeting.MeetingPage;
import org.sunshine.meeting.MeetingQuery;
import org.sunshine.meeting.Meetings;
import org.sunshine.system.InvalidFieldException;
import org.sunshine.system.PublicUrl;

/**
 * {@code GET /api/meetings}: upcoming meetings with their agenda items, a page at a time. The body stays a JSON
 * array; when more meetings follow, a {@code Link: <…>; rel="next"} header (RFC 8288) gives the next page's URL.
 */
@RestController
class MeetingApiController {

	private static final Duration DEFAULT_SPAN = Duration.ofDays(90);

	private final Meetings meetings;

	private final MeetingSearch search;

	private final ListingProperties listing;

	private final PublicUrl publicUrl;

	MeetingApiController(Meetings meetings, MeetingSearch search, ListingProperties listing, PublicUrl publicUrl) {
		this.meetings = meetings;
		this.search = search;
		this.listing = listing;
		this.publicUrl = publicUrl;
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
	ResponseEntity<List<MeetingResponse>> meetings(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String feed,
			@RequestParam(required = false) String q, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String after, HttpServletRequest request) {
		MeetingPage page = find(from, to, feed, q, limit, after);
		return withNext(ResponseEntity.ok(), page, request).body(page.meetings().stream().map(MeetingApiController::response).toList());
	}

	/** One page of the meetings the query names; the OCD export asks the same way. */
	MeetingPage find(String from, String to, String feed, String q, String limit, String after) {
		Instant start = from == null ? meetings.upcomingFrom() : instant("from", from);
		Instant end = to == null ? start.plus(DEFAULT_SPAN) : instant("to", to);
		if (!end.isAfter(start)) {
			throw new InvalidFieldException("to", "must be after 'from'");
		}
		if (end.isAfter(start.plus(listing.maxSpan()))) {
			throw new InvalidFieldException("to", "at most " + listing.maxSpan().toDays() + " days after 'from'");
		}
		MeetingCursor cursor = after == null ? null : MeetingCursor.parse(after)
			.orElseThrow(() -> new InvalidFieldException("after", "not a cursor from this API's Link header"));
		// The interest language, matched as alerts match it ("287g" finds "287 (g)"), before the page is cut.
		return meetings.page(new MeetingQuery(start, end, feed, null), cursor, limit(limit),
				found -> search.filter(found, q));
	}

	private int limit(String value) {
		if (value == null) {
			return listing.defaultLimit();
		}
		int limit;
		try {
			limit = Integer.parseInt(value.strip());
		}
		catch (NumberFormatException e) {
			throw new InvalidFieldException("limit", "a whole number from 1 to " + listing.maxLimit());
		}
		if (limit < 1 || limit > listing.maxLimit()) {
			throw new InvalidFieldException("limit", "a whole number from 1 to " + listing.maxLimit());
		}
		return limit;
	}

	/**
	 * The same request with {@code after} set to where this page ended, other parameters as the client gave them; on
	 * {@code sunshine.public-url}, as every link Sunshine makes, since behind a proxy the request's own host is not
	 * the one clients reach.
	 */
	<B extends ResponseEntity.HeadersBuilder<B>> B withNext(B response, MeetingPage page, HttpServletRequest request) {
		if (page.hasNext()) {
			String next = UriComponentsBuilder.fromUriString(publicUrl.base())
				.path(request.getRequestURI().substring(request.getContextPath().length()))
				.query(request.getQueryString())
				.replaceQueryParam("after", page.next().token())
				.build()
				.toUriString();
			response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
		}
		return response;
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
