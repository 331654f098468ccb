package org.sunshine.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sunshine.matching.MeetingSearch;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingPage;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.system.PublicUrl;

/**
 * {@code GET /api/meetings.ocd.json}: the same meetings as {@code /api/meetings}, as Open Civic Data Event
 * objects ({@code {"results": [...]}}, the shape of the OCD API and of pupa's scrapers), so civic-tech tools that
 * read OCD can read Sunshine. Ids are stable: a name-based UUID of the feed and the source's meeting id.
 */
@RestController
class OcdEventController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MeetingApiController query;

	private final Clock clock;

	OcdEventController(Meetings meetings, MeetingSearch search, ListingProperties listing, PublicUrl publicUrl,
			Clock clock) {
		this.query = new MeetingApiController(meetings, search, listing, publicUrl);
		this.clock = clock;
	}

	/** Paged as {@code /api/meetings} is: {@code limit}, and a {@code Link: <…>; rel="next"} header while more follow. */
	@GetMapping(path = "/api/meetings.ocd.json", produces = "application/json")
	ResponseEntity<String> events(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String feed, @RequestParam(required = false) String q,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String after,
			HttpServletRequest request) {
		Instant now = clock.instant();
		MeetingPage page = query.find(from, to, feed, q, limit, after);
		List<Map<String, Object>> results = page.meetings().stream().map(meeting -> event(meeting, now)).toList();
		// Written here rather than by the application's mapper, which leaves nulls out: OCD writes them (debug, coordinates).
		return query.withNext(ResponseEntity.ok(), page, request).body(JSON.writeValueAsString(Map.of("results", results)));
	}

	static Map<String, Object> event(Meeting meeting, Instant now) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("id", "ocd-event/" + uuid(meeting.feedId() + "/" + meeting.sourceId()));
		event.put("name", meeting.title() != null && !meeting.title().equals(meeting.body())
				? meeting.body() + " – " + meeting.title() : meeting.body());
		event.put("description", meeting.description() == null ? "" : meeting.description());
		event.put("classification", "event");
		event.put("start_date", JsonTimes.local(meeting.start(), meeting.zone()));
		// Sources rarely publish an end; OCD writes an unknown end as "".
		event.put("end_date", "");
		event.put("all_day", false);
		event.put("status", meeting.status() == MeetingStatus.CANCELLED ? "cancelled"
				: meeting.start().isBefore(now) ? "passed" : "confirmed");
		event.put("location", map("name", meeting.location() == null ? "" : meeting.location(), "url", "", "coordinates", null));
		// The OCD division of a feed is not known; the body gets a stable name-based id, as pupa gives organizations.
		event.put("jurisdiction", map("id", "", "name", meeting.jurisdiction(), "url", ""));
		event.put("participants", List.of(map("entity_id", "ocd-organization/" + uuid(meeting.feedId() + "/" + meeting.body()),
				"entity_name", meeting.body(), "entity_type", "organization", "note", "host")));
		List<Map<String, Object>> sources = new ArrayList<>();
		if (meeting.sourceUrl() != null) {
			sources.add(map("url", meeting.sourceUrl(), "note", "web"));
		}
		event.put("sources", sources);
		List<Map<String, Object>> documents = new ArrayList<>();
		if (meeting.agendaUrl() != null) {
			documents.add(map("note", "Agenda", "date", "", "links",
					List.of(map("url", meeting.agendaUrl(), "media_type", meeting.agendaUrl().toLowerCase().endsWith(".pdf")
							? "application/pdf" : "text/html"))));
		}
		event.put("documents", documents);
		event.put("links", List.of());
		event.put("media", List.of());
		List<Map<String, Object>> agenda = new ArrayList<>();
		for (int i = 0; i < meeting.items().size(); i++) {
			agenda.add(item(meeting.items().get(i), i));
		}
		event.put("agenda", agenda);
		event.put("extras", map("sunshine_meeting_id", meeting.id(), "feed", meeting.feedId(), "timezone",
				meeting.zone().getId()));
		// Sunshine keeps no creation or update time per meeting; OCD's fields are there, empty.
		event.put("created_at", "");
		event.put("updated_at", "");
		event.put("debug", null);
		return event;
	}

	private static Map<String, Object> item(AgendaItem item, int index) {
		List<Map<String, Object>> related = item.matterId() == null ? List.of()
				: List.of(map("entity_name", item.matterId(), "entity_type", "bill", "note", "consideration"));
		return map("description", item.title(), "order", item.number() == null ? String.valueOf(index + 1) : item.number(),
				"subjects", List.of(), "related_entities", related, "notes", item.text() == null ? List.of() : List.of(item.text()),
				"media", List.of(), "extras", Map.of());
	}

	private static UUID uuid(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
	}

	/** An ordered map that, unlike Map.of, keeps nulls (OCD writes unknown coordinates as null). */
	private static Map<String, Object> map(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

}
