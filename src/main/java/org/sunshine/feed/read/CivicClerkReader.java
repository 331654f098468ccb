package org.sunshine.feed.read;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchException;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.meeting.DocumentLink;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a CivicClerk tenant's OData API ({@code https://{tenant}.api.civicclerk.com}): {@code /v1/Events} from
 * yesterday on, following {@code @odata.nextLink} pages. The body is the event's category; the place its
 * {@code eventLocation}; the documents its {@code publishedFiles} (agenda, packet), fetched as
 * {@code /v1/Meetings/GetMeetingFileStream(fileId=…,plainText=false)}.
 * <p>
 * CivicClerk writes local times with a "Z" ("2026-04-15T17:00:00Z" is 5 PM in the city): the Z is dropped and the
 * time read in the feed's zone. {@code 1900-01-01} is its "no date" placeholder.
 */
public class CivicClerkReader implements FeedReader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Pages of events followed at most: a loop of next links must end. */
	private static final int MAX_PAGES = 20;

	@Override
	public FeedType type() {
		return FeedType.CIVICCLERK;
	}

	@Override
	public URI sourceUri(FeedDefinition feed, Instant now) {
		LocalDate from = now.atZone(feed.timezone()).toLocalDate().minusDays(1);
		return URI.create(api(feed) + "/Events?$filter=" + encode("startDateTime ge " + from) + "&$orderby="
				+ encode("startDateTime"));
	}

	@Override
	public List<MeetingSnapshot> read(FeedDefinition feed, FetchResult document, Fetcher fetcher, Instant now)
			throws FeedReadException, FetchException {
		Instant earliest = now.minus(Duration.ofDays(1));
		List<MeetingSnapshot> meetings = new ArrayList<>();
		URI page = sourceUri(feed, now);
		FetchResult current = document;
		for (int pages = 1; current != null; pages++) {
			JsonNode root = json(current, page);
			for (JsonNode event : root.path("value")) {
				MeetingSnapshot meeting = event.isObject() ? meeting(feed, event) : null;
				if (meeting != null && !meeting.start().isBefore(earliest) && feed.includesBody(meeting.body())) {
					meetings.add(meeting);
				}
			}
			String next = Text.clean(text(root, "@odata.nextLink"));
			if (next == null || pages >= MAX_PAGES) {
				break;
			}
			page = page.resolve(next);
			current = fetcher.fetch(page);
		}
		meetings.sort(Comparator.comparing(MeetingSnapshot::start));
		return meetings;
	}

	private MeetingSnapshot meeting(FeedDefinition feed, JsonNode event) {
		String id = Text.clean(text(event, "id"));
		Instant start = localTime(text(event, "startDateTime"), feed);
		if (id == null || start == null) {
			return null;
		}
		String title = Text.clean(text(event, "eventName"));
		String body = Objects.requireNonNullElse(Text.clean(text(event, "categoryName")), feed.name());
		String description = Text.fromHtml(text(event, "eventDescription"));
		String notice = Text.fromHtml(text(event, "eventNotice"));
		boolean cancelled = CancellationMarkers.anyCancelled(title, description, notice);
		List<DocumentLink> documents = new ArrayList<>();
		String agenda = null;
		for (JsonNode file : event.path("publishedFiles")) {
			String fileId = file.isObject() ? Text.clean(text(file, "fileId")) : null;
			if (fileId == null) {
				continue;
			}
			String type = Text.clean(text(file, "type"));
			String name = Text.clean(text(file, "name"));
			String url = api(feed) + "/Meetings/GetMeetingFileStream(fileId=" + encode(fileId) + ",plainText=false)";
			documents.add(new DocumentLink(name != null ? name : type, url));
			if (agenda == null && type != null && type.equalsIgnoreCase("Agenda")) {
				agenda = url;
			}
		}
		return new MeetingSnapshot(feed.id(), id, feed.name(), body, title == null ? body : title, start,
				feed.timezone(), location(event.path("eventLocation")),
				cancelled ? MeetingStatus.CANCELLED : MeetingStatus.SCHEDULED, agenda, portal(feed, id),
				Stream.of(description, notice).filter(Objects::nonNull).collect(Collectors.joining("\n")), List.of(),
				documents);
	}

	/** "5440 Fulton Industrial Blvd\nSouth Fulton, Georgia 30336"; null when the event gives no address. */
	private static String location(JsonNode place) {
		if (!place.isObject()) {
			return null;
		}
		String street = Stream.of(text(place, "address1"), text(place, "address2")).map(Text::clean)
			.filter(Objects::nonNull).collect(Collectors.joining(", "));
		String zip = Text.clean(text(place, "zipCode"));
		String state = Text.clean(text(place, "state"));
		String stateZip = Stream.of(state, zip).filter(Objects::nonNull).collect(Collectors.joining(" "));
		String city = Stream.of(Text.clean(text(place, "city")), stateZip.isEmpty() ? null : stateZip)
			.filter(Objects::nonNull).collect(Collectors.joining(", "));
		String joined = Stream.of(street, city).filter(part -> !part.isEmpty()).collect(Collectors.joining("\n"));
		return joined.isEmpty() ? null : joined;
	}

	/** A CivicClerk time: local despite its "Z"; null for the 1900-01-01 placeholder or anything unreadable. */
	private static Instant localTime(String value, FeedDefinition feed) {
		String text = Text.clean(value);
		if (text == null || text.startsWith("1900-01-01") || text.startsWith("0001-01-01")) {
			return null;
		}
		try {
			String local = text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
			return LocalDateTime.parse(local).atZone(feed.timezone()).toInstant();
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}

	private static JsonNode json(FetchResult result, URI from) throws FeedReadException {
		Documents.requireJson(result, from);
		try {
			JsonNode root = JSON.readTree(result.body());
			if (root == null || !root.isObject() || !root.path("value").isArray()) {
				throw new FeedReadException("expected an OData object with a 'value' list from " + Documents.describe(from));
			}
			return root;
		}
		catch (JacksonException e) {
			throw new FeedReadException("invalid JSON from " + Documents.describe(from) + ": " + e.getOriginalMessage());
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() || value.isObject() || value.isArray() ? null : value.asString();
	}

	/** The API root with its version: {@code https://tenant.api.civicclerk.com/v1}, whether or not the feed gave it. */
	private static String api(FeedDefinition feed) {
		URI url = feed.url();
		String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
		return url.getScheme() + "://" + url.getRawAuthority() + (path.toLowerCase(Locale.ROOT).endsWith("/v1") ? path
				: path + "/v1");
	}

	/** The event's page on the tenant's public portal, when the feed is the usual {@code .api.civicclerk.com} host. */
	private static String portal(FeedDefinition feed, String id) {
		String host = feed.url().getHost();
		if (host == null || !host.toLowerCase(Locale.ROOT).endsWith(".api.civicclerk.com")) {
			return null;
		}
		return "https://" + host.substring(0, host.length() - ".api.civicclerk.com".length()) + ".portal.civicclerk.com/event/"
				+ encode(id);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
