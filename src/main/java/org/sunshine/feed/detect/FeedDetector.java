package org.sunshine.feed.detect;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.detect.PlatformUrls.Recognised;
import org.sunshine.feed.fetch.FetchException;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;

/**
 * Proposes the {@code config/feeds.yml} entry for a city's agenda page: the platform from the address where it
 * tells (Legistar, CivicPlus, Granicus, PrimeGov, CivicClerk), else from what the address serves (iCalendar, RSS,
 * Atom). The page is fetched through the feed fetcher, with its size and time caps, for a name and a time zone.
 */
public class FeedDetector {

	static final String TRIED = PlatformUrls.TRIED + ", ical, rss, atom";

	/** Title parts that name the software rather than the city. */
	private static final String[] BOILERPLATE = { "agenda center", "civicengage", "granicus", "legistar", "calendar",
			"web page", "main view", "default view", "iframe" };

	private final Fetcher fetcher;

	public FeedDetector(Fetcher fetcher) {
		this.fetcher = fetcher;
	}

	public FeedProposal detect(URI page) throws DetectionException {
		if (page.getScheme() == null || !page.getScheme().matches("(?i)https?") || page.getHost() == null) {
			throw new DetectionException("not an http(s) address: " + describe(page));
		}
		Optional<Recognised> byAddress = PlatformUrls.recognise(page);
		FetchResult fetched = fetch(page, byAddress.isPresent());
		if (byAddress.isPresent()) {
			return fromPage(byAddress.get(), fetched);
		}
		return fromContent(page, fetched);
	}

	/**
	 * The page, or null when a platform known by its address answered with an error (its name and zone are then
	 * guessed from the address alone). A host that cannot be reached is always an error: the address is wrong.
	 */
	private FetchResult fetch(URI page, boolean knownByAddress) throws DetectionException {
		try {
			return fetcher.fetch(page);
		}
		catch (FetchException ex) {
			if (knownByAddress && ex.status() != 0) {
				return null;
			}
			throw new DetectionException("could not read " + describe(page) + ": " + ex.getMessage());
		}
	}

	private static FeedProposal fromPage(Recognised platform, FetchResult fetched) {
		Document html = fetched == null ? null : Jsoup.parse(text(fetched), platform.feedUrl().toString());
		String title = html == null ? null : html.title();
		String name = cityName(title).orElse(platform.client());
		ZoneGuess zone = html == null ? ZoneGuess.fallback()
				: ZoneGuess.fromState(title, html.body() == null ? "" : html.body().text()).orElse(ZoneGuess.fallback());
		return new FeedProposal(slug(platform.client()), name, platform.type(), platform.feedUrl(), zone);
	}

	private static FeedProposal fromContent(URI page, FetchResult fetched) throws DetectionException {
		String body = text(fetched);
		String contentType = fetched.contentType() == null ? "" : fetched.contentType().toLowerCase(Locale.ROOT);
		String id = slug(PlatformUrls.siteName(page.getHost()));
		if (contentType.startsWith("text/calendar") || body.stripLeading().startsWith("BEGIN:VCALENDAR")) {
			String name = calendarName(body).orElse(id);
			ZoneGuess zone = ZoneGuess.fromCalendar(body).or(() -> ZoneGuess.fromState(name, body))
				.orElse(ZoneGuess.fallback());
			return new FeedProposal(id, name, FeedType.ICAL, page, zone);
		}
		Optional<FeedType> syndication = syndication(contentType, body);
		if (syndication.isPresent()) {
			Document xml = Jsoup.parse(body, page.toString(), Parser.xmlParser());
			Element title = xml.selectFirst("channel > title, feed > title");
			String name = title == null || title.text().isBlank() ? id : title.text().strip();
			ZoneGuess zone = ZoneGuess.fromState(name, xml.text()).orElse(ZoneGuess.fallback());
			return new FeedProposal(id, name, syndication.get(), page, zone);
		}
		throw new DetectionException("not recognised: " + describe(page) + " is no agenda page or feed Sunshine reads"
				+ " (tried " + TRIED + ")");
	}

	private static Optional<FeedType> syndication(String contentType, String body) {
		if (contentType.contains("rss+xml")) {
			return Optional.of(FeedType.RSS);
		}
		if (contentType.contains("atom+xml")) {
			return Optional.of(FeedType.ATOM);
		}
		if (!body.stripLeading().startsWith("<")) {
			return Optional.empty();
		}
		// jsoup's XML parser resolves no external entities, so a hostile document cannot reach files or hosts.
		Element root = Jsoup.parse(body, "", Parser.xmlParser()).children().stream().findFirst().orElse(null);
		String element = root == null ? "" : root.tagName().toLowerCase(Locale.ROOT);
		if (element.equals("rss") || element.equals("rdf:rdf")) {
			return Optional.of(FeedType.RSS);
		}
		return element.equals("feed") ? Optional.of(FeedType.ATOM) : Optional.empty();
	}

	private static Optional<String> calendarName(String calendar) {
		return calendar.lines().filter(line -> line.startsWith("X-WR-CALNAME:")).findFirst()
			.map(line -> line.substring("X-WR-CALNAME:".length()).replace("\\,", ",").strip())
			.filter(name -> !name.isEmpty());
	}

	/** "Agenda Center • Avenal, CA • CivicEngage" → "Avenal, CA": the first part of a title that is no software name. */
	static Optional<String> cityName(String title) {
		if (title == null) {
			return Optional.empty();
		}
		return Arrays.stream(title.split("\\s+[•|\\u2013-]\\s+|^\\s*-\\s+"))
			.map(part -> part.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip())
			.filter(part -> !part.isEmpty())
			.filter(part -> Arrays.stream(BOILERPLATE).noneMatch(part.toLowerCase(Locale.ROOT)::contains))
			.findFirst();
	}

	/** {@code [a-z0-9-]+} as the catalogue wants ids. */
	static String slug(String value) {
		String slug = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		return slug.isEmpty() ? "feed" : slug;
	}

	private static String text(FetchResult fetched) {
		// Agenda pages and feeds are UTF-8 nearly always; a wrong guess only mangles the proposed name.
		return new String(fetched.body(), StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
	}

	/** Host, port and path: a query or user info may carry a token (Legistar's), which must not be printed. */
	static String describe(URI page) {
		return (page.getScheme() == null ? "" : page.getScheme() + "://") + (page.getHost() == null ? "" : page.getHost())
				+ (page.getPort() < 0 ? "" : ":" + page.getPort()) + (page.getRawPath() == null ? "" : page.getRawPath());
	}

}
