package org.sunshine.feed.read;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.meeting.DocumentLink;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a PrimeGov public portal ({@code https://{tenant}.primegov.com}): {@code /api/v2/PublicPortal/ListUpcomingMeetings}
 * gives each upcoming meeting with its local date and time (no zone: the feed's) and its published documents. A
 * document is a compiled template: the "HTML Agenda" is the portal's meeting page, the others are PDFs
 * ({@code /Public/CompiledDocument?meetingTemplateId=…&compileOutputType=…}). The list names no body and no place,
 * and agenda items live only inside the compiled documents, which the document module reads.
 */
public class PrimeGovReader implements FeedReader {

	private static final Logger log = LoggerFactory.getLogger(PrimeGovReader.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter DATE_AND_TIME = DateTimeFormatter.ofPattern("MMM dd, yyyy hh:mm a", Locale.US);

	/** compileOutputType of an HTML agenda (PDFs are 1). */
	private static final int HTML_OUTPUT = 3;

	@Override
	public FeedType type() {
		return FeedType.PRIMEGOV;
	}

	@Override
	public URI sourceUri(FeedDefinition feed, Instant now) {
		return URI.create(root(feed) + "/api/v2/PublicPortal/ListUpcomingMeetings");
	}

	@Override
	public List<MeetingSnapshot> read(FeedDefinition feed, FetchResult document, Fetcher fetcher, Instant now)
			throws FeedReadException {
		URI source = sourceUri(feed, now);
		Documents.requireJson(document, source);
		JsonNode meetings;
		try {
			meetings = JSON.readTree(document.body());
		}
		catch (JacksonException e) {
			throw new FeedReadException("invalid JSON from " + Documents.describe(source) + ": " + e.getOriginalMessage());
		}
		if (meetings == null || !meetings.isArray()) {
			throw new FeedReadException("expected a JSON array of meetings from " + Documents.describe(source));
		}
		Instant earliest = now.minus(Duration.ofDays(1));
		List<MeetingSnapshot> read = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		for (JsonNode meeting : meetings) {
			String id = meeting.isObject() ? Text.clean(text(meeting, "id")) : null;
			Instant start = id == null ? null : start(meeting, feed);
			if (start == null) {
				skipped.add(id == null ? "a meeting without id" : "meeting " + id + ": unreadable dateTime");
				continue;
			}
			if (start.isBefore(earliest)) {
				continue;
			}
			String title = Text.clean(text(meeting, "title"));
			String body = title == null ? feed.name() : title;
			if (!feed.includesBody(body)) {
				continue;
			}
			List<DocumentLink> documents = documents(feed, meeting);
			String agenda = documents.stream().filter(link -> link.url().contains("/Public/CompiledDocument"))
				.filter(link -> link.title().toLowerCase(Locale.ROOT).contains("agenda"))
				.map(DocumentLink::url).findFirst().orElse(null);
			MeetingStatus status = CancellationMarkers.anyCancelled(title) ? MeetingStatus.CANCELLED
					: MeetingStatus.SCHEDULED;
			read.add(new MeetingSnapshot(feed.id(), id, feed.name(), body, body, start, feed.timezone(), null, status,
					agenda, root(feed) + "/public/portal", null, List.of(), documents));
		}
		if (!skipped.isEmpty()) {
			if (read.isEmpty() && skipped.size() == meetings.size()) {
				throw new FeedReadException("no readable meeting from " + Documents.describe(source) + ": "
						+ String.join("; ", skipped));
			}
			log.warn("Feed {}: skipped {} unreadable PrimeGov meeting(s): {}", feed.id(), skipped.size(),
					String.join("; ", skipped));
		}
		read.sort(Comparator.comparing(MeetingSnapshot::start));
		return read;
	}

	/** {@code dateTime} ("2026-04-27T09:00:00", local), else {@code date} and {@code time} ("Apr 27, 2026", "09:00 AM"). */
	private static Instant start(JsonNode meeting, FeedDefinition feed) {
		String dateTime = Text.clean(text(meeting, "dateTime"));
		try {
			if (dateTime != null) {
				return LocalDateTime.parse(dateTime.length() > 19 ? dateTime.substring(0, 19) : dateTime)
					.atZone(feed.timezone()).toInstant();
			}
			String date = Text.clean(text(meeting, "date"));
			String time = Text.clean(text(meeting, "time"));
			if (date == null || time == null) {
				return null;
			}
			return ZonedDateTime.of(LocalDateTime.parse(date + " " + time.toUpperCase(Locale.ROOT), DATE_AND_TIME),
					feed.timezone()).toInstant();
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}

	private static List<DocumentLink> documents(FeedDefinition feed, JsonNode meeting) {
		List<DocumentLink> documents = new ArrayList<>();
		for (JsonNode document : meeting.path("documentList")) {
			String templateId = document.isObject() ? Text.clean(text(document, "templateId")) : null;
			if (templateId == null) {
				continue;
			}
			String name = Text.clean(text(document, "templateName"));
			int output = document.path("compileOutputType").asInt(1);
			String id = URLEncoder.encode(templateId, StandardCharsets.UTF_8);
			String url = output == HTML_OUTPUT ? root(feed) + "/Portal/Meeting?meetingTemplateId=" + id
					: root(feed) + "/Public/CompiledDocument?meetingTemplateId=" + id + "&compileOutputType=" + output;
			documents.add(new DocumentLink(name == null ? "Agenda" : name, url));
		}
		return documents;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() || value.isObject() || value.isArray() ? null : value.asString();
	}

	private static String root(FeedDefinition feed) {
		URI url = feed.url();
		return url.getScheme() + "://" + url.getRawAuthority()
				+ (url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", ""));
	}

}
