package org.sunshine.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.sunshine.matching.MeetingSearch;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingQuery;
import org.sunshine.meeting.Meetings;

/**
 * The "preview" of the sign-up and manage forms: which upcoming meetings and agenda items the topics written in
 * the form would be told of right now, found as alerts find them. A plain form post: no JavaScript needed.
 */
@Component
class InterestPreview {

	/** As far ahead as the meetings page looks. */
	private static final Duration AHEAD = Duration.ofDays(90);

	/** Meetings read; a preview names at most {@link #SHOWN} of those found. */
	private static final int READ = 1000;

	private static final int SHOWN = 20;

	private final Meetings meetings;

	private final MeetingSearch search;

	InterestPreview(Meetings meetings, MeetingSearch search) {
		this.meetings = meetings;
		this.search = search;
	}

	/** A meeting the topics would be told of, as the preview lists it. */
	record Found(long id, String name, String when, List<String> items) {
	}

	/**
	 * Puts {@code preview} (the meetings found, earliest first, at most twenty) and {@code previewMore} (how many
	 * more) on the model.
	 * @throws org.sunshine.language.InterestSyntaxException when a topic cannot be read, naming it and the position
	 */
	List<Found> show(List<String> interests, List<String> feeds, Model model, Locale locale) {
		Instant from = meetings.upcomingFrom();
		List<String> only = feeds == null ? List.of() : feeds.stream().filter(feed -> feed != null && !feed.isBlank()).toList();
		List<Meeting> upcoming = meetings.page(new MeetingQuery(from, from.plus(AHEAD), null, null), 0, READ)
			.meetings()
			.stream()
			.filter(meeting -> only.isEmpty() || only.contains(meeting.feedId()))
			.toList();
		List<MeetingSearch.Preview> previews = search.preview(upcoming, interests);
		List<Found> found = previews.stream().limit(SHOWN).map(preview -> found(preview, locale.getLanguage())).toList();
		model.addAttribute("preview", found);
		model.addAttribute("previewMore", previews.size() - found.size());
		return found;
	}

	private static Found found(MeetingSearch.Preview preview, String language) {
		MeetingFacts facts = MeetingFacts.of(preview.meeting(), language);
		return new Found(preview.meeting().id(), facts.name(), facts.when(),
				preview.items().stream().map(AgendaItem::label).toList());
	}

}
