package org.sunshine.feed.read;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchException;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.feed.fetch.PollBudgetSpent;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.DocumentLink;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the Legistar Web API: {@code /events} from yesterday on, then {@code /events/{id}/eventitems} for each
 * event that passes the feed's body filter. The feed url is the client root
 * ({@code https://webapi.legistar.com/v1/keywest}); its query (a {@code ?token=}) is kept on every request.
 * <p>
 * {@code EventDate} is always midnight and {@code EventTime} is hand-typed text. An event whose date or time cannot
 * be read is skipped with a warning instead of moving to midnight or hiding the other meetings; if every event
 * fails, the read fails. A failure on an event's items fails the whole read, because a meeting reported without its
 * items would look like an agenda that lost them.
 */
public class LegistarReader implements FeedReader {

	private static final Logger log = LoggerFactory.getLogger(LegistarReader.class);

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	@Override
	public FeedType type() {
		return FeedType.LEGISTAR;
	}

	@Override
	public URI sourceUri(FeedDefinition feed, Instant now) {
		LocalDate from = now.atZone(feed.timezone()).toLocalDate().minusDays(1);
		return endpoint(feed.url(), "/events",
				"$filter=" + encode("EventDate ge datetime'" + from + "'") + "&$orderby=EventDate");
	}

	@Override
	public List<MeetingSnapshot> read(FeedDefinition feed, FetchResult document, Fetcher fetcher, Instant now)
			throws FeedReadException, FetchException {
		return read(feed, document, fetcher, now, Poll.unlimited());
	}

	/**
	 * Each event costs a request for its items and two per item for matter texts, so an event is read in full only
	 * when it is new, its stamps ({@link #version}) changed since the poll last read it, or it is soon (items edited
	 * without moving the event's stamps must still be seen in time), and no more than
	 * {@link Poll#maxDetailReads()} events per poll, soonest first; the rest wait for the next poll, as do those left
	 * when the poll's time budget is spent.
	 */
	@Override
	public List<MeetingSnapshot> read(FeedDefinition feed, FetchResult document, Fetcher fetcher, Instant now,
			Poll poll) throws FeedReadException, FetchException {
		URI source = sourceUri(feed, now);
		JsonNode events = readArray(document, source);
		Instant earliest = now.minus(Duration.ofDays(1));
		List<MeetingSnapshot> meetings = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		int considered = 0;
		int kept = 0;
		int overCap = 0;
		int detailReads = 0;
		int later = 0;
		boolean budgetSpent = false;
		for (JsonNode event : events) {
			requireObject(event, "event", source);
			String body = Text.clean(string(event, "EventBodyName"));
			if (!feed.includesBody(body)) {
				continue;
			}
			considered++;
			String id;
			Instant start;
			try {
				id = eventId(event);
				start = start(event, feed.timezone(), id);
			}
			catch (FeedReadException ex) {
				skipped.add(ex.getMessage());
				continue;
			}
			if (start.isBefore(earliest)) {
				continue;
			}
			if (kept == poll.maxMeetings()) {
				overCap++;
				continue;
			}
			kept++;
			String version = version(feed, event);
			if (poll.readBefore(id, version, start)) {
				continue; // Stored as read last time; its items are not asked for again.
			}
			if (budgetSpent || detailReads == poll.maxDetailReads()) {
				later++;
				continue;
			}
			List<AgendaItemSnapshot> items;
			try {
				items = items(feed, id, fetcher);
			}
			catch (PollBudgetSpent e) {
				budgetSpent = true;
				later++;
				continue;
			}
			detailReads++;
			meetings.add(meeting(feed, event, id, body, start, items));
			poll.read(id, version);
		}
		if (overCap > 0) {
			poll.warn(overCap + " event(s) beyond max-meetings (" + poll.maxMeetings() + ") left out");
		}
		if (later > 0) {
			poll.carryOver(later + " event(s) left for the next poll: " + (budgetSpent ? "the poll budget was spent"
					: "max-detail-reads (" + poll.maxDetailReads() + ") reached"));
		}
		if (!skipped.isEmpty()) {
			if (skipped.size() == considered) {
				throw new FeedReadException("no readable event from " + Documents.describe(source) + ": "
						+ String.join("; ", skipped));
			}
			log.warn("Feed {}: skipped {} unreadable Legistar event(s): {}", feed.id(), skipped.size(),
					String.join("; ", skipped));
		}
		return meetings;
	}

	/**
	 * What the event's stamps say of its state: Legistar moves them when the event, its agenda or its minutes
	 * change. Null when the event carries none, so that it is always read.
	 */
	private static String version(FeedDefinition feed, JsonNode event) throws FeedReadException {
		String modified = string(event, "EventLastModifiedUtc");
		String row = string(event, "EventRowVersion");
		if (modified == null && row == null) {
			return null;
		}
		String stamps = String.join("|", String.valueOf(feed.documents()), String.valueOf(modified),
				String.valueOf(row), String.valueOf(string(event, "EventAgendaLastPublishedUTC")),
				String.valueOf(string(event, "EventAgendaStatusName")), String.valueOf(string(event, "EventAgendaFile")),
				String.valueOf(string(event, "EventMinutesStatusName")));
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(stamps.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e); // every JDK has SHA-256
		}
	}

	private MeetingSnapshot meeting(FeedDefinition feed, JsonNode event, String id, String body, Instant start,
			List<AgendaItemSnapshot> items) throws FeedReadException {
		String location = Text.lines(string(event, "EventLocation"));
		String comment = Text.lines(string(event, "EventComment"));
		String agendaStatus = string(event, "EventAgendaStatusName");
		String minutesStatus = string(event, "EventMinutesStatusName");
		// Clerks mark a called-off meeting with a status word ("Deferred", "Postponed") as often as with "Cancelled".
		boolean cancelled = CancellationMarkers.anyCancelled(body, comment, location, agendaStatus)
				|| CancellationMarkers.anyCalledOff(agendaStatus, minutesStatus);
		String agenda = Text.clean(string(event, "EventAgendaFile"));
		return new MeetingSnapshot(feed.id(), id, feed.name(), body, body, start, feed.timezone(), location,
				cancelled ? MeetingStatus.CANCELLED : MeetingStatus.SCHEDULED, agenda,
				Text.clean(string(event, "EventInSiteURL")), comment, items,
				agenda == null ? List.of() : List.of(new DocumentLink("Agenda", agenda)));
	}

	private static String eventId(JsonNode event) throws FeedReadException {
		String id = Text.clean(string(event, "EventId"));
		if (id == null) {
			throw new FeedReadException("an event without EventId");
		}
		return id;
	}

	/** {@code EventDate} (its time part is always midnight and ignored) plus {@code EventTime}, in the feed's zone. */
	private static Instant start(JsonNode event, ZoneId zone, String id) throws FeedReadException {
		String dateText = Text.clean(string(event, "EventDate"));
		LocalDate date;
		try {
			date = LocalDate.parse(dateText == null || dateText.length() < 10 ? "" : dateText.substring(0, 10));
		}
		catch (DateTimeParseException ex) {
			throw new FeedReadException("event " + id + ": unreadable EventDate '" + dateText + "'");
		}
		String timeText = string(event, "EventTime");
		LocalTime time = LegistarTime.parse(timeText)
			.orElseThrow(() -> new FeedReadException("event " + id + ": unreadable EventTime '" + timeText + "'"));
		// ZonedDateTime.of moves a time in a DST gap forward and takes the earlier offset in an overlap.
		return ZonedDateTime.of(date, time, zone).toInstant();
	}

	private List<AgendaItemSnapshot> items(FeedDefinition feed, String eventId, Fetcher fetcher)
			throws FeedReadException, FetchException {
		URI uri = endpoint(feed.url(), "/events/" + encode(eventId) + "/eventitems",
				"AgendaNote=1&MinutesNote=1&Attachments=1");
		record Sequenced(double sequence, AgendaItemSnapshot item) {
		}
		List<Sequenced> onAgenda = new ArrayList<>();
		for (JsonNode node : readArray(fetcher.fetch(uri), uri)) {
			requireObject(node, "event item", uri);
			JsonNode sequence = node.get("EventItemAgendaSequence");
			String title = Text.lines(string(node, "EventItemTitle"));
			if (title == null) {
				title = Text.lines(string(node, "EventItemMatterName"));
			}
			// Items without an agenda sequence appear only in the minutes; items without any title cannot be shown.
			if (sequence == null || !sequence.isNumber() || title == null) {
				continue;
			}
			List<String> attachments = new ArrayList<>();
			List<DocumentLink> documents = new ArrayList<>();
			for (JsonNode attachment : node.path("EventItemMatterAttachments")) {
				String link = attachment.isObject() ? Text.clean(string(attachment, "MatterAttachmentHyperlink")) : null;
				if (link != null) {
					attachments.add(link);
					documents.add(new DocumentLink(Text.clean(string(attachment, "MatterAttachmentName")), link));
				}
			}
			String matterId = Text.clean(string(node, "EventItemMatterId"));
			String matterText = feed.documents() && matterId != null ? matterText(feed, matterId, fetcher) : null;
			// As a double: a sequence too large for a long (or a fraction) still orders, and throws nothing.
			onAgenda.add(new Sequenced(sequence.doubleValue(),
					new AgendaItemSnapshot(Text.clean(string(node, "EventItemId")),
							Text.clean(string(node, "EventItemAgendaNumber")), title,
							joined(Text.fromHtml(string(node, "EventItemAgendaNote")), matterText),
							Text.clean(string(node, "EventItemMatterFile")), attachments, documents)));
		}
		return onAgenda.stream().sorted(Comparator.comparingDouble(Sequenced::sequence)).map(Sequenced::item).toList();
	}

	/**
	 * The plain text of the matter's latest version ({@code /matters/{id}/versions}, then {@code /texts/{key}}), or
	 * null when it has none (204, 404, no versions). Other failures fail the read, as for items: an item whose text
	 * came and went with the network would look changed on every poll.
	 */
	private String matterText(FeedDefinition feed, String matterId, Fetcher fetcher)
			throws FeedReadException, FetchException {
		URI versionsUri = endpoint(feed.url(), "/matters/" + encode(matterId) + "/versions", null);
		JsonNode versions = readOptional(versionsUri, fetcher);
		if (versions == null || !versions.isArray()) {
			return null;
		}
		String latest = null;
		long highest = Long.MIN_VALUE;
		for (JsonNode version : versions) {
			String key = version.isObject() ? Text.clean(string(version, "Key")) : null;
			long number = key == null ? Long.MIN_VALUE : numeric(key);
			if (key != null && (latest == null || number >= highest)) {
				latest = key;
				highest = number;
			}
		}
		if (latest == null) {
			return null;
		}
		URI textUri = endpoint(feed.url(), "/matters/" + encode(matterId) + "/texts/" + encode(latest), null);
		JsonNode text = readOptional(textUri, fetcher);
		return text == null || !text.isObject() ? null : Text.lines(string(text, "MatterTextPlain"));
	}

	/** The JSON at {@code uri}, or null when the server has nothing there (204, an empty body, 404). */
	private static JsonNode readOptional(URI uri, Fetcher fetcher) throws FeedReadException, FetchException {
		FetchResult result;
		try {
			result = fetcher.fetch(uri);
		}
		catch (FetchException e) {
			if (e.status() == 404) {
				return null;
			}
			throw e;
		}
		if (Documents.head(result.body(), 1).isEmpty()) {
			return null;
		}
		Documents.requireJson(result, uri);
		try {
			return JSON.readTree(result.body());
		}
		catch (JacksonException ex) {
			throw new FeedReadException("invalid JSON from " + Documents.describe(uri) + ": " + ex.getOriginalMessage());
		}
	}

	private static long numeric(String key) {
		try {
			return Long.parseLong(key);
		}
		catch (NumberFormatException e) {
			return Long.MIN_VALUE + 1;
		}
	}

	private static String joined(String note, String matterText) {
		if (note == null || matterText == null) {
			return note == null ? matterText : note;
		}
		return note + "\n\n" + matterText;
	}

	private static JsonNode readArray(FetchResult document, URI from) throws FeedReadException {
		Documents.requireJson(document, from);
		JsonNode root;
		try {
			root = JSON.readTree(document.body());
		}
		catch (JacksonException ex) {
			throw new FeedReadException("invalid JSON from " + Documents.describe(from) + ": " + ex.getOriginalMessage());
		}
		if (root == null || !root.isArray()) {
			throw new FeedReadException("expected a JSON array from " + Documents.describe(from) + " but got "
					+ (root == null ? "nothing" : root.getNodeType()));
		}
		return root;
	}

	private static void requireObject(JsonNode node, String what, URI from) throws FeedReadException {
		if (!node.isObject()) {
			throw new FeedReadException("expected each " + what + " from " + Documents.describe(from)
					+ " to be a JSON object but got " + node.getNodeType());
		}
	}

	/** A text or number field; null when absent or null; a wrong-shaped value is an error. */
	private static String string(JsonNode node, String field) throws FeedReadException {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isNumber()) {
			return value.asString();
		}
		throw new FeedReadException("field " + field + " is " + value.getNodeType() + ", expected text");
	}

	/** {@code root + path}, with this request's query first and the root's own query (a token) kept after it. */
	private static URI endpoint(URI root, String path, String query) {
		String base = root.getScheme() + "://" + root.getRawAuthority()
				+ (root.getRawPath() == null ? "" : root.getRawPath().replaceAll("/+$", ""));
		String rootQuery = root.getRawQuery();
		String own = query == null ? "" : query;
		String token = rootQuery == null || rootQuery.isEmpty() ? "" : rootQuery;
		String joined = own.isEmpty() || token.isEmpty() ? own + token : own + "&" + token;
		return URI.create(base + path + (joined.isEmpty() ? "" : "?" + joined));
	}

	/** Percent-encoding for a query value; spaces as %20, which OData servers read more reliably than '+'. */
	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
