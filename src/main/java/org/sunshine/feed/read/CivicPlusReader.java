package org.sunshine.feed.read;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * Reads a CivicPlus AgendaCenter from the site root: its search page ({@code /AgendaCenter/Search/}) from yesterday
 * to a year ahead, every category. Each category is a {@code div.listing} under an {@code h2}; each agenda a
 * {@code tr.catAgendaRow} whose agenda link {@code /AgendaCenter/ViewFile/Agenda/_MMDDYYYY-NNN} carries the meeting
 * date and the agenda's id. The agenda PDF and the packet become the meeting's documents. AgendaCenter publishes
 * no time of day, so such meetings start at local midnight in the feed's zone (as for its RSS), and no items: they
 * are in the agenda, which the document module reads.
 */
public class CivicPlusReader implements FeedReader {

	private static final Pattern AGENDA = Pattern.compile("/AgendaCenter/ViewFile/Agenda/_(\\d{8})-(\\d+)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern CANCELLATION = Pattern.compile("\\bcancell?ation\\b",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private static final DateTimeFormatter URL_DATE = DateTimeFormatter.ofPattern("MMddyyyy");

	private static final DateTimeFormatter SEARCH_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

	@Override
	public FeedType type() {
		return FeedType.CIVICPLUS;
	}

	@Override
	public URI sourceUri(FeedDefinition feed, Instant now) {
		LocalDate from = now.atZone(feed.timezone()).toLocalDate().minusDays(1);
		return URI.create(root(feed) + "/AgendaCenter/Search/?term=&CIDs=all&startDate="
				+ encode(from.format(SEARCH_DATE)) + "&endDate=" + encode(from.plusYears(1).format(SEARCH_DATE))
				+ "&dateRange=&dateSelector=");
	}

	@Override
	public List<MeetingSnapshot> read(FeedDefinition feed, FetchResult document, Fetcher fetcher, Instant now)
			throws FeedReadException {
		URI source = sourceUri(feed, now);
		// jsoup takes the charset from the Content-Type, a BOM or the <meta> element; pages are often iso-8859-1.
		Document page = Jsoup.parse(new String(document.body(), charset(document.contentType())), root(feed) + "/");
		// A search without results is a page without rows; a page that is not AgendaCenter at all is an error.
		if (page.selectFirst("a[href*=/AgendaCenter], form[action*=AgendaCenter], tr.catAgendaRow") == null) {
			throw new FeedReadException("no AgendaCenter on the page from " + Documents.describe(source));
		}
		Instant earliest = now.minus(Duration.ofDays(1));
		List<MeetingSnapshot> meetings = new ArrayList<>();
		for (Element row : page.select("tr.catAgendaRow")) {
			MeetingSnapshot meeting = meeting(feed, row);
			if (meeting != null && !meeting.start().isBefore(earliest) && feed.includesBody(meeting.body())) {
				meetings.add(meeting);
			}
		}
		meetings.sort(Comparator.comparing(MeetingSnapshot::start));
		return meetings;
	}

	private MeetingSnapshot meeting(FeedDefinition feed, Element row) {
		Element agendaLink = row.selectFirst("a[href*=/ViewFile/Agenda/]");
		Matcher agenda = agendaLink == null ? null : AGENDA.matcher(agendaLink.attr("href"));
		if (agenda == null || !agenda.find()) {
			return null;
		}
		LocalDate date;
		try {
			date = LocalDate.parse(agenda.group(1), URL_DATE);
		}
		catch (DateTimeParseException e) {
			return null;
		}
		String agendaPdf = root(feed) + "/AgendaCenter/ViewFile/Agenda/_" + agenda.group(1) + "-" + agenda.group(2);
		Element listing = row.closest("div.listing");
		Element heading = listing == null ? null : listing.selectFirst("h2");
		String body = heading == null ? feed.name() : Text.clean(heading.ownText());
		body = body == null ? feed.name() : body;
		Element paragraph = row.selectFirst("td p");
		String title = paragraph == null ? null : Text.clean(paragraph.text());
		title = title == null ? Text.clean(agendaLink.attr("title")) : title;
		title = title == null ? body : title;
		List<DocumentLink> documents = new ArrayList<>();
		documents.add(new DocumentLink("Agenda", agendaPdf));
		Element packet = row.selectFirst("a[href*=packet=true]");
		if (packet != null) {
			documents.add(new DocumentLink("Agenda packet", packet.absUrl("href")));
		}
		boolean cancelled = CancellationMarkers.anyCancelled(title)
				|| row.select("a").stream().anyMatch(link -> CANCELLATION.matcher(link.text()).find());
		return new MeetingSnapshot(feed.id(), "agenda-" + agenda.group(2), feed.name(), body, title,
				date.atStartOfDay(feed.timezone()).toInstant(), feed.timezone(), null,
				cancelled ? MeetingStatus.CANCELLED : MeetingStatus.SCHEDULED, agendaPdf,
				root(feed) + "/AgendaCenter", null, List.of(), documents);
	}

	private static java.nio.charset.Charset charset(String contentType) {
		if (contentType != null) {
			Matcher charset = Pattern.compile("charset=\"?([\\w-]+)", Pattern.CASE_INSENSITIVE).matcher(contentType);
			if (charset.find()) {
				try {
					return java.nio.charset.Charset.forName(charset.group(1));
				}
				catch (IllegalArgumentException e) {
					// An unknown charset name: read as UTF-8 below.
				}
			}
		}
		return StandardCharsets.UTF_8;
	}

	private static String root(FeedDefinition feed) {
		URI url = feed.url();
		String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "")
			.replaceAll("(?i)/AgendaCenter.*$", "");
		return url.getScheme() + "://" + url.getRawAuthority() + path;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
