package org.sunshine.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sunshine.feed.read.Poll;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.MeetingSnapshot;

/**
 * What one poll of any feed may keep of what it read: meetings no further ahead than {@code max-ahead}, the earliest
 * {@code max-meetings} of them, the first {@code max-items} items of each. What is left out is said on the poll.
 */
final class PollCaps {

	private final Duration maxAhead;

	private final int maxMeetings;

	private final int maxItems;

	PollCaps(Duration maxAhead, int maxMeetings, int maxItems) {
		this.maxAhead = maxAhead;
		this.maxMeetings = maxMeetings;
		this.maxItems = maxItems;
	}

	List<MeetingSnapshot> apply(List<MeetingSnapshot> read, Instant now, Poll poll) {
		return capped(withinReach(read, now, poll), poll);
	}

	/**
	 * Meetings dated further ahead than {@code sunshine.feed.max-ahead} (a typo'd year, a 9999 placeholder)
	 * are left out: stored, they would be listed as upcoming for ever.
	 */
	private List<MeetingSnapshot> withinReach(List<MeetingSnapshot> read, Instant now, Poll poll) {
		Instant limit = now.plus(maxAhead);
		List<MeetingSnapshot> kept = read.stream().filter(snapshot -> !snapshot.start().isAfter(limit)).toList();
		long left = read.size() - kept.size();
		if (left > 0) {
			poll.warn(left + " meeting(s) dated more than " + maxAhead.toDays() + " days ahead left out");
		}
		return kept;
	}

	/**
	 * The first {@code max-meetings} meetings (by start) with their first {@code max-items} items each: what a feed
	 * of 100,000 entries may cost a poll is bounded, and what is left out is said on the feed's status.
	 */
	private List<MeetingSnapshot> capped(List<MeetingSnapshot> read, Poll poll) {
		Map<String, MeetingSnapshot> unique = new LinkedHashMap<>();
		read.forEach(snapshot -> unique.putIfAbsent(snapshot.sourceId(), snapshot));
		List<MeetingSnapshot> kept = new ArrayList<>(unique.values());
		if (kept.size() > maxMeetings) {
			kept.sort(Comparator.comparing(MeetingSnapshot::start));
			List<MeetingSnapshot> over = kept.subList(maxMeetings, kept.size());
			over.forEach(snapshot -> poll.forget(snapshot.sourceId()));
			poll.warn(over.size() + " meeting(s) beyond max-meetings (" + maxMeetings + ") left out");
			kept = new ArrayList<>(kept.subList(0, maxMeetings));
		}
		long cut = 0;
		for (int i = 0; i < kept.size(); i++) {
			MeetingSnapshot snapshot = kept.get(i);
			if (snapshot.items().size() > maxItems) {
				cut += snapshot.items().size() - maxItems;
				kept.set(i, snapshot.withItems(snapshot.items().subList(0, maxItems)
					.toArray(AgendaItemSnapshot[]::new)));
			}
		}
		if (cut > 0) {
			poll.warn(cut + " agenda item(s) beyond max-items (" + maxItems + " per meeting) left out");
		}
		return kept;
	}

}
