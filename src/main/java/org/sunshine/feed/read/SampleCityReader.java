package org.sunshine.feed.read;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.MeetingSnapshot;

/**
 * The built-in sample city ({@code sunshine.demo}): shows a newcomer, offline, what Sunshine does. Time is cut
 * into cycles; in each, one clearly labelled sample special meeting is announced at the start and moved at the
 * half, so whoever confirms a sign-up gets an alert and then a correction within a cycle. Nothing is fetched.
 */
public class SampleCityReader implements FeedReader {

	public static final String FEED_ID = "sample-city";

	/** Shown wherever the meetings are: nobody should take them for real ones. */
	public static final String JURISDICTION = "Sample City (not a real city)";

	private static final LocalTime ANNOUNCED_AT = LocalTime.of(17, 0);

	private static final LocalTime MOVED_TO = LocalTime.of(18, 30);

	private final Duration cycle;

	public SampleCityReader(Duration cycle) {
		this.cycle = cycle;
	}

	@Override
	public FeedType type() {
		return FeedType.SAMPLE;
	}

	@Override
	public boolean fetches() {
		return false;
	}

	@Override
	public URI sourceUri(FeedDefinition feed, Instant now) {
		return feed.url();
	}

	@Override
	public List<MeetingSnapshot> read(FeedDefinition feed, FetchResult document, Fetcher fetcher, Instant now) {
		long number = now.toEpochMilli() / cycle.toMillis();
		Instant cycleStart = Instant.ofEpochMilli(number * cycle.toMillis());
		boolean moved = !now.isBefore(cycleStart.plus(cycle.dividedBy(2)));
		ZonedDateTime day = cycleStart.atZone(feed.timezone()).plusDays(2);
		Instant start = day.with(moved ? MOVED_TO : ANNOUNCED_AT).toInstant();
		String id = "sample-" + number;
		MeetingSnapshot meeting = new MeetingSnapshot(feed.id(), id, JURISDICTION, "Sample City Commission",
				"SAMPLE special meeting #" + number + " (not a real meeting)", start, feed.timezone(),
				moved ? "Sample City Hall, Room B (moved)" : "Sample City Hall, Commission Chambers", null, null, null,
				"A sample meeting that Sunshine makes up to show how alerts and corrections look. It is not real.",
				List.of(item(id, "1", "SAMPLE: A resolution reinstating the 287(g) Task Force Model agreement on immigration enforcement"),
						item(id, "2", "SAMPLE: Stormwater drainage improvements and flooding on Duval Street"),
						item(id, "3", "SAMPLE: Police department budget amendment and public housing repairs")));
		return List.of(meeting);
	}

	private static AgendaItemSnapshot item(String meetingId, String number, String title) {
		return new AgendaItemSnapshot(meetingId + "-" + number, number, title, null, null, List.of());
	}

}
