package org.sunshine.feed.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchException;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.feed.fetch.HttpFetcher;
import org.sunshine.meeting.MeetingSnapshot;

/** Fixtures and the production path (reader → HttpFetcher → WireMock → reader) for the reader tests. */
final class FeedTestSupport {

	private FeedTestSupport() {
	}

	/** Production's timeouts: WireMock answers at once, and no reader test may race a loaded machine. */
	static final Fetcher FETCHER = new HttpFetcher(Duration.ofSeconds(10), Duration.ofSeconds(60), 5_000_000,
			"Sunshine-test/1.0");

	static byte[] bytes(String resource) {
		try (InputStream in = FeedTestSupport.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no test resource " + resource);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String text(String resource) {
		return new String(bytes(resource), StandardCharsets.UTF_8);
	}

	static FeedDefinition feed(FeedType type, String url, String zone, String... bodies) {
		return new FeedDefinition("test-feed", "Test Jurisdiction", type, URI.create(url), ZoneId.of(zone),
				Duration.ofMinutes(15), null, List.of(bodies));
	}

	/** One poll as production runs it: fetch the reader's source document, then let the reader read it. */
	static List<MeetingSnapshot> poll(FeedReader reader, FeedDefinition feed, Instant now)
			throws FeedReadException, FetchException {
		return reader.read(feed, FETCHER.fetch(reader.sourceUri(feed, now)), FETCHER, now);
	}

}
