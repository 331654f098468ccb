package org.sunshine.feed.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.sunshine.Mutations.Seed;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchException;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Reach;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.feed.fetch.Validators;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.MeetingSnapshot;

/**
 * Each feed reader as a fuzz target: the real captures it starts from (the reader tests' copies of the corpus), and
 * {@link #check} of what any bytes may make it do. A reader given any bytes must read them or refuse them with its
 * own checked failure ({@link FeedReadException}, or {@link FetchException} for a further document it could not
 * get); whatever else it throws escapes {@code check}, and what it returns must stay within bounds.
 * <p>
 * Documents a reader fetches beyond the first are served from memory: this fuzzes the readers, not HTTP, and
 * keeps hundreds of runs quick.
 */
enum ReaderTarget {

	LEGISTAR_EVENTS(new LegistarReader(), FeedType.LEGISTAR, "https://webapi.legistar.com/v1/fuzz", ContentTypes.JSON,
			List.of("mauicounty__events_sample.json", "scrapers-lametro__event.json"), null,
			uri -> uri.getPath().endsWith("/eventitems") ? bytes("mauicounty__eventitems_sample.json") : null),

	/** The items of the Maui event, mutated; the events document stays as captured. */
	LEGISTAR_EVENT_ITEMS(new LegistarReader(), FeedType.LEGISTAR, "https://webapi.legistar.com/v1/fuzz", ContentTypes.JSON,
			List.of("mauicounty__eventitems_sample.json"), "mauicounty__events_sample.json", null),

	RSS(new SyndicationReader(FeedType.RSS), FeedType.RSS, "https://hacc.example/feed/", "application/rss+xml",
			List.of("city-scrapers__hacc_feed.txt"), null, null),

	ICALENDAR(new ICalendarReader(Duration.ofDays(180), 10, 25), FeedType.ICAL, "https://glwa.example/events.ics",
			"text/calendar; charset=utf-8", List.of("city-scrapers__det_great_lakes_water_authority.ics",
					"city-scrapers__chi_low_income_housing_trust_fund.ics"), null, null),

	CIVICPLUS(new CivicPlusReader(), FeedType.CIVICPLUS, "https://www.nashcounty.example", ContentTypes.HTML,
			List.of("civic-scraper__test_scrape_defaults.yaml__nashcounty_AgendaCenter_Search.html",
					"civic-scraper__civplus_agenda_search_results_page.html",
					"civic-scraper__test_scrape_no_meetings_for_date.yaml__lascruces_AgendaCenter_Search_empty.html"),
			null, null),

	GRANICUS(new GranicusReader(), FeedType.GRANICUS, "https://burbank.granicus.com/ViewPublisher.php?view_id=6",
			ContentTypes.HTML, List.of("city-scrapers-ca__burbank.html", "city-scrapers-ca__cityofgardena.html"), null, null),

	PRIMEGOV(new PrimeGovReader(), FeedType.PRIMEGOV, "https://claytoncountyga.primegov.com", ContentTypes.JSON,
			List.of("city-scrapers-atl__atl_clayton_co_boc_upcoming_meetings.json",
					"city-scrapers-atl__atl_clayton_co_boc_meetings.json"), null, null),

	/** Every next page a mutated document links to is the Doña Ana capture, up to the reader's page cap. */
	CIVICCLERK(new CivicClerkReader(), FeedType.CIVICCLERK, "https://southfultonga.api.civicclerk.com", ContentTypes.JSON,
			List.of("city-scrapers-lascruc__lascruc_dona_ana_county_other_agencies.json",
					"city-scrapers-atl__atl_south_fulton_city_council_meetings.json"), null,
			uri -> bytes("city-scrapers-lascruc__lascruc_dona_ana_county_other_agencies.json"));

	/** Before every seed's meetings, so that the readers read them all. */
	static final Instant NOW = Instant.parse("2018-05-01T12:00:00Z");

	/** Bytes a source needs at the least to state one meeting or item; more results than this allows is amplification. */
	private static final int MIN_BYTES_PER_RESULT = 16;

	private static final Pattern UNSEEN = Pattern
		.compile("[\\p{Cc}&&[^\\t\\n\\r]]|[\\u202A-\\u202E\\u2066-\\u2069\\u200B-\\u200D\\u2060\\uFEFF]");

	private final FeedReader reader;

	private final FeedDefinition feed;

	private final String contentType;

	private final List<String> seedNames;

	/** The fixed source document when the mutated input is a further document, else null. */
	private final String source;

	/** What a further fetch gets (null: a 404); null here means the mutated input. */
	private final Function<URI, byte[]> served;

	ReaderTarget(FeedReader reader, FeedType type, String url, String contentType, List<String> seedNames,
			String source, Function<URI, byte[]> served) {
		this.reader = reader;
		this.feed = new FeedDefinition("fuzz", "Fuzz City", type, URI.create(url), ZoneId.of("America/New_York"),
				Duration.ofMinutes(15), null, List.of());
		this.contentType = contentType;
		this.seedNames = seedNames;
		this.source = source;
		this.served = served;
	}

	List<Seed> seeds() {
		return seedNames.stream().map(name -> new Seed(name, seed(name))).toList();
	}

	/** The capture as the source serves it: LA Metro's single event came from {@code /events/{id}}, not the list. */
	private static byte[] seed(String name) {
		return name.equals("scrapers-lametro__event.json") ? ("[" + FeedTestSupport.text(name) + "]").getBytes()
				: bytes(name);
	}

	/**
	 * Reads {@code input} as this reader's document: true when the reader read it within bounds, false when it refused
	 * it with its own checked failure; throws AssertionError when what it read breaks a bound, and lets anything else
	 * escape.
	 */
	boolean check(byte[] input) {
		ServingFetcher fetcher = new ServingFetcher(uri -> served == null ? input : served.apply(uri), contentType);
		byte[] document = source == null ? input : bytes(source);
		List<MeetingSnapshot> meetings;
		try {
			meetings = reader.read(feed, new FetchResult(false, document, contentType, Validators.NONE), fetcher, NOW);
		}
		catch (FeedReadException | FetchException refused) {
			return false;
		}
		long read = document.length + fetcher.served;
		assertThat(meetings).as("meetings").isNotNull().doesNotContainNull();
		assertThat((long) meetings.size() * MIN_BYTES_PER_RESULT).as("meetings from %d bytes", read).isLessThanOrEqualTo(read);
		if (reader instanceof ICalendarReader) {
			assertThat(meetings).as("iCalendar meetings within the cap").hasSizeLessThanOrEqualTo(25);
		}
		for (MeetingSnapshot meeting : meetings) {
			assertThat(meeting.feedId()).isEqualTo(feed.id());
			assertThat(meeting.sourceId()).isNotBlank();
			assertThat(meeting.zone()).isEqualTo(feed.timezone());
			assertThat(meeting.start()).as("start of %s", meeting.sourceId()).isAfterOrEqualTo(NOW.minus(Duration.ofDays(1)));
			assertThat((long) meeting.items().size() * MIN_BYTES_PER_RESULT).isLessThanOrEqualTo(read);
			Stream.concat(Stream.of(meeting.body(), meeting.title(), meeting.location(), meeting.description()),
					meeting.items().stream().flatMap(ReaderTarget::texts))
				.forEach(text -> assertThat(text == null || !UNSEEN.matcher(text).find())
					.as("no control or bidi character in %s", text).isTrue());
		}
		return true;
	}

	private static Stream<String> texts(AgendaItemSnapshot item) {
		return Stream.of(item.number(), item.title(), item.text(), item.matterId());
	}

	private static byte[] bytes(String name) {
		return FeedTestSupport.bytes(name);
	}

	/** What the platforms send (constants of the enum itself cannot be used by its constants). */
	private static final class ContentTypes {

		static final String JSON = "application/json; charset=utf-8";

		static final String HTML = "text/html; charset=utf-8";

	}

	/** Further documents from memory, counting what it served; a 404 for what it has none of. */
	private static final class ServingFetcher implements Fetcher {

		private final Function<URI, byte[]> documents;

		private final String contentType;

		long served;

		ServingFetcher(Function<URI, byte[]> documents, String contentType) {
			this.documents = documents;
			this.contentType = contentType;
		}

		@Override
		public FetchResult fetch(URI uri, Validators previous, Reach reach) throws FetchException {
			byte[] body = documents.apply(uri);
			if (body == null) {
				throw new FetchException("404 from " + uri.getPath(), 404);
			}
			served += body.length;
			return new FetchResult(false, body, contentType, Validators.NONE);
		}

	}

}
