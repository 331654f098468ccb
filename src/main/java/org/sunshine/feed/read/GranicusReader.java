package org.sunshine.feed.read;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.meeting.DocumentLink;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

/**
 * Reads a Granicus ViewPublisher page ({@code https://{city}.granicus.com/ViewPublisher.php?view_id=N}): each table
 * row with a date is a meeting (archive rows fall away as past). The date cell reads "November 10, 2022 - 06:00 PM"
 * in the feed's zone; the hidden epoch sort key in front of it is ignored. The meeting is identified by the
 * {@code event_id} of its agenda link when it has one (so a meeting renamed "Cancellation Notice" stays the same
 * meeting), else by its name and day. Agenda and packet links are its documents; "Cancelled" in the name or a
 * "Cancellation Notice" calls it off. The page names the meetings, not one body: the name is the body.
 */
public class GranicusReader implements FeedReader {

	private static final Pattern DATE = Pattern.compile(
			"([A-Za-z]{3,9})\\.?\\s+(\\d{1,2}),\\s*(\\d{4}|\\d{2})(?:\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*([AaPp])\\.?\\s*[Mm])?");

	private static final Pattern EVENT_ID = Pattern.compile("[?&]event_id=(\\d+)");

	private static final Pattern CANCELLATION = Pattern.compile("\\bcancell?ation\\b|\\bcancell?ed\\b",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private static final Pattern DOCUMENT = Pattern.compile("agenda|packet|\\.pdf", Pattern.CASE_INSENSITIVE);

	@Override
	public FeedType type() {
		return FeedType.GRANICUS;
	}

	@Override
	public URI sourceUri(FeedDefinition feed, Instant now) {
		return feed.url();
	}

	@Override
	public List<MeetingSnapshot> read(FeedDefinition feed, FetchResult document, Fetcher fetcher, Instant now)
			throws FeedReadException {
		// ViewPublisher pages are often iso-8859-1, said only in the Content-Type or a <meta> element.
		Document page = Jsoup.parse(new String(document.body(), charset(document)), feed.url().toString());
		if (page.select("table").isEmpty()) {
			throw new FeedReadException("no meeting table on the page from " + Documents.describe(feed.url()));
		}
		page.select("[style*=display:none], [style*=display: none]").remove();
		Instant earliest = now.minus(Duration.ofDays(1));
		List<MeetingSnapshot> meetings = new ArrayList<>();
		for (Element row : page.select("tr:has(td)")) {
			MeetingSnapshot meeting = meeting(feed, row);
			if (meeting != null && !meeting.start().isBefore(earliest) && feed.includesBody(meeting.body())) {
				meetings.add(meeting);
			}
		}
		meetings.sort(Comparator.comparing(MeetingSnapshot::start));
		return meetings;
	}

	private MeetingSnapshot meeting(FeedDefinition feed, Element row) {
		List<Element> cells = row.select("> td");
		if (cells.size() < 2) {
			return null;
		}
		String name = Text.clean(cells.get(0).text());
		LocalDateTime start = null;
		for (Element cell : cells.subList(1, cells.size())) {
			start = dateTime(cell.text().replace('\u00a0', ' '));
			if (start != null) {
				break;
			}
		}
		if (name == null || start == null) {
			return null;
		}
		List<DocumentLink> documents = new ArrayList<>();
		String eventId = null;
		boolean cancelled = CANCELLATION.matcher(name).find();
		for (Element link : row.select("a[href]")) {
			String text = Text.clean(link.text());
			String url = link.absUrl("href");
			Matcher event = EVENT_ID.matcher(url);
			if (eventId == null && event.find()) {
				eventId = event.group(1);
			}
			cancelled |= text != null && CANCELLATION.matcher(text).find();
			boolean minutes = text != null && text.toLowerCase(Locale.ROOT).contains("minutes");
			if (!url.isEmpty() && !url.endsWith("#") && !minutes
					&& ((text != null && DOCUMENT.matcher(text).find()) || url.toLowerCase(Locale.ROOT).endsWith(".pdf"))) {
				documents.add(new DocumentLink(text, url));
			}
		}
		String id = eventId != null ? "event-" + eventId : name + "|" + start.toLocalDate();
		String agenda = documents.isEmpty() ? null : documents.get(0).url();
		return new MeetingSnapshot(feed.id(), id, feed.name(), name, name, start.atZone(feed.timezone()).toInstant(),
				feed.timezone(), null, cancelled ? MeetingStatus.CANCELLED : MeetingStatus.SCHEDULED, agenda,
				feed.url().toString(), null, List.of(), documents);
	}

	/** "November 10, 2022 - 06:00 PM", "Jul 23, 08" (a day without time: local midnight); null if none. */
	static LocalDateTime dateTime(String text) {
		Matcher date = DATE.matcher(text);
		if (!date.find()) {
			return null;
		}
		try {
			String month = date.group(1);
			month = month.substring(0, 1).toUpperCase(Locale.ROOT) + month.substring(1, 3).toLowerCase(Locale.ROOT);
			int year = Integer.parseInt(date.group(3));
			year = year < 100 ? 2000 + year : year;
			LocalDate day = LocalDate.parse(month + " " + date.group(2) + " " + year,
					DateTimeFormatter.ofPattern("MMM d yyyy", Locale.US));
			if (date.group(4) == null) {
				return day.atStartOfDay();
			}
			int hour = Integer.parseInt(date.group(4)) % 12 + (date.group(6).equalsIgnoreCase("p") ? 12 : 0);
			return day.atTime(LocalTime.of(hour, Integer.parseInt(date.group(5))));
		}
		catch (java.time.DateTimeException | NumberFormatException e) {
			return null;
		}
	}

	private static Charset charset(FetchResult document) {
		String type = document.contentType();
		Matcher declared = Pattern.compile("charset=\"?([\\w-]+)", Pattern.CASE_INSENSITIVE)
			.matcher(type != null ? type : Documents.head(document.body(), 2048));
		if (declared.find()) {
			try {
				return Charset.forName(declared.group(1));
			}
			catch (IllegalArgumentException e) {
				// Unknown name: fall through.
			}
		}
		return StandardCharsets.UTF_8;
	}

}
