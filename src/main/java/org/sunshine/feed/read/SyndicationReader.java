package org.sunshine.feed.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.meeting.DocumentLink;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SAXBuilder;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;

/**
 * Reads RSS and Atom with Rome; one instance per {@link FeedType} ({@code RSS} or {@code ATOM}), since Rome reads
 * both into the same model. Each entry is one meeting without agenda items.
 * <p>
 * DOCTYPEs stay refused (Rome's default), which stops XXE and entity expansion ("billion laughs"). The encoding is
 * decided by Rome's {@link XmlReader} from the BOM, the Content-Type charset and the XML prolog. Elements nest at most
 * {@value #MAX_DEPTH} deep (see {@link ShallowFeedInput}).
 * <p>
 * The start is the entry's published date, else its updated date: WordPress "The Events Calendar" puts the event
 * start there. CivicPlus AgendaCenter feeds publish the posting time instead, so for their
 * {@code /AgendaCenter/ViewFile/Agenda/_MMDDYYYY-NNNN} links the date comes from the link; the time of day is not
 * published, so such meetings start at local midnight in the feed's zone.
 */
public class SyndicationReader implements FeedReader {

	private static final Logger log = LoggerFactory.getLogger(SyndicationReader.class);

	/**
	 * A UTF-16 byte-order mark decides the byte order itself: Rome's XmlReader takes the BOM for "UTF-16" and
	 * then decodes big-endian once the mark is gone, so a little-endian file (as Windows tools write them)
	 * came out as nonsense. Everything else is left to XmlReader (Content-Type charset, XML prolog).
	 */
	private static Reader reader(FetchResult document) throws IOException {
		byte[] body = document.body();
		boolean utf32 = body.length >= 4 && body[2] == 0 && body[3] == 0;
		if (body.length >= 2 && (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xfe && !utf32) {
			return new StringReader(new String(body, 2, body.length - 2, StandardCharsets.UTF_16LE));
		}
		if (body.length >= 2 && (body[0] & 0xff) == 0xfe && (body[1] & 0xff) == 0xff) {
			return new StringReader(new String(body, 2, body.length - 2, StandardCharsets.UTF_16BE));
		}
		return new XmlReader(new ByteArrayInputStream(body), document.contentType(), true);
	}

	private static final Pattern CIVICPLUS_AGENDA = Pattern
		.compile("/AgendaCenter/ViewFile/Agenda/_(\\d{8})-\\d+", Pattern.CASE_INSENSITIVE);

	private static final DateTimeFormatter CIVICPLUS_DATE = DateTimeFormatter.ofPattern("MMddyyyy");

	/** Deeper than any real feed (an Atom XHTML content nests a few dozen levels at the most). */
	static final int MAX_DEPTH = 256;

	/** The JDK parser's element depth limit (its XMLSecurityManager), set per parser rather than for the JVM. */
	private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

	private final FeedType type;

	public SyndicationReader(FeedType type) {
		if (type != FeedType.RSS && type != FeedType.ATOM) {
			throw new IllegalArgumentException("SyndicationReader reads RSS or ATOM, not " + type);
		}
		this.type = type;
	}

	@Override
	public FeedType type() {
		return type;
	}

	@Override
	public URI sourceUri(FeedDefinition feed, Instant now) {
		return feed.url();
	}

	@Override
	public List<MeetingSnapshot> read(FeedDefinition feed, FetchResult document, Fetcher fetcher, Instant now)
			throws FeedReadException {
		SyndFeed parsed = parse(feed, document);
		Instant earliest = now.minus(Duration.ofDays(1));
		List<MeetingSnapshot> meetings = new ArrayList<>();
		for (SyndEntry entry : parsed.getEntries()) {
			String link = Text.clean(entry.getLink());
			String id = Optional.ofNullable(Text.clean(entry.getUri())).orElse(link);
			Optional<Instant> start = start(entry, link, feed.timezone());
			if (id == null || start.isEmpty()) {
				log.warn("Feed {}: skipped an entry without {}", feed.id(), id == null ? "id or link" : "date");
				continue;
			}
			if (start.get().isBefore(earliest)) {
				continue;
			}
			String title = Optional.ofNullable(Text.clean(entry.getTitle())).orElse(feed.name());
			String description = description(entry);
			MeetingStatus status = CancellationMarkers.anyCancelled(title, description) ? MeetingStatus.CANCELLED
					: MeetingStatus.SCHEDULED;
			meetings.add(new MeetingSnapshot(feed.id(), id, feed.name(), feed.name(), title, start.get(),
					feed.timezone(), null, status, isAgenda(link) ? link : null, link, description, List.of(),
					isAgenda(link) ? List.of(new DocumentLink("Agenda", link)) : List.of()));
		}
		meetings.sort(Comparator.comparing(MeetingSnapshot::start));
		return meetings;
	}

	private SyndFeed parse(FeedDefinition feed, FetchResult document) throws FeedReadException {
		String where = Documents.describe(feed.url());
		if (Documents.looksLikeHtml(document.body())) {
			throw new FeedReadException("expected " + type.key() + " from " + where + " but got an HTML page");
		}
		try (Reader reader = reader(document)) {
			return new SyndFeedImpl(new ShallowFeedInput().build(reader));
		}
		catch (FeedException | IOException | IllegalArgumentException ex) {
			// Rome says IllegalArgumentException for XML that is neither RSS nor Atom.
			throw new FeedReadException("not a readable " + type.key() + " feed from " + where + ": " + ex.getMessage(),
					ex);
		}
	}

	private static Optional<Instant> start(SyndEntry entry, String link, ZoneId zone) {
		if (link != null) {
			Matcher civicPlus = CIVICPLUS_AGENDA.matcher(link);
			if (civicPlus.find()) {
				try {
					return Optional.of(LocalDate.parse(civicPlus.group(1), CIVICPLUS_DATE).atStartOfDay(zone).toInstant());
				}
				catch (DateTimeParseException ex) {
					// Not a real date after all; fall back to the entry's dates.
				}
			}
		}
		Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
		return Optional.ofNullable(date).map(Date::toInstant);
	}

	private static String description(SyndEntry entry) {
		SyndContent content = entry.getDescription();
		if (content == null && !entry.getContents().isEmpty()) {
			content = entry.getContents().get(0);
		}
		return content == null ? null : Text.fromHtml(content.getValue());
	}

	private static boolean isAgenda(String link) {
		if (link == null) {
			return false;
		}
		String lower = link.toLowerCase(Locale.ROOT);
		return lower.endsWith(".pdf") || lower.contains("viewfile");
	}

	/**
	 * Rome's input, whose JDOM tree checks each new element against all of its ancestors: a 750 KB body of 150,000
	 * nested elements took 45 s of CPU before failing. The parser now stops at {@link #MAX_DEPTH}, and Rome reports it
	 * as any other malformed feed.
	 */
	private static final class ShallowFeedInput extends WireFeedInput {

		@Override
		protected SAXBuilder createSAXBuilder() {
			SAXBuilder builder = super.createSAXBuilder();
			builder.setProperty(MAX_ELEMENT_DEPTH, String.valueOf(MAX_DEPTH));
			return builder;
		}

	}

}
