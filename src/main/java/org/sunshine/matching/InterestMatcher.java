package org.sunshine.matching;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.ChangeKind;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingRevision;

/** The matching module's API: which interests a meeting change hits, and why. */
@Service
public class InterestMatcher {

	/** Changes that concern the whole meeting: every item and the meeting's own text are matched. */
	private static final Set<ChangeKind> WHOLE_MEETING = EnumSet.of(ChangeKind.ANNOUNCED, ChangeKind.AGENDA_PUBLISHED,
			ChangeKind.RESCHEDULED, ChangeKind.CANCELLED, ChangeKind.REINSTATED);

	private final InterestIndex index;

	private final DocumentMatching documents;

	InterestMatcher(InterestIndex index, DocumentMatching documents) {
		this.index = index;
		this.documents = documents;
	}

	public List<Match> match(MeetingRevision event) {
		Meeting meeting = event.meeting();
		List<AgendaItem> items = relevantItems(event);
		boolean wholeMeeting = event.changes().stream().anyMatch(change -> WHOLE_MEETING.contains(change.kind()));
		String meetingText = wholeMeeting ? meetingText(meeting) : "";
		List<String> texts = new ArrayList<>();
		texts.add(meetingText);
		items.forEach(item -> texts.add(itemText(item)));
		List<List<InterestIndex.TermQuery>> hits = index.match(texts);

		Map<Long, Builder> byInterest = new LinkedHashMap<>();
		// Thousands of people following the same word hit the same text: find each snippet once.
		Map<String, Snippet> snippets = new HashMap<>();
		for (int i = 0; i < hits.size(); i++) {
			for (InterestIndex.TermQuery hit : hits.get(i)) {
				if (!hit.interest().watches(meeting.feedId())) {
					continue;
				}
				Builder builder = byInterest.computeIfAbsent(hit.interest().id(),
						id -> new Builder(hit.interest().subscriberId(), id));
				builder.terms.add(hit.term());
				if (i == 0) {
					builder.meetingSnippet = builder.meetingSnippet != null ? builder.meetingSnippet
							: snippet(snippets, 0, meetingText, hit.term());
				}
				else {
					AgendaItem item = items.get(i - 1);
					if (!builder.items.containsKey(item.key())) {
						builder.items.put(item.key(), new MatchedItem(item.key(), item.number(), item.title(),
								item.matterId(), snippet(snippets, i, itemText(item), hit.term())));
					}
				}
			}
		}
		// Who follows the body or this very meeting hears of every change to it, with the items it concerns.
		for (org.sunshine.subscription.Interest follow : index.follows(meeting.id(), meeting.feedId(), meeting.body())) {
			Builder builder = byInterest.computeIfAbsent(follow.id(), id -> new Builder(follow.subscriberId(), id));
			builder.terms.add(meeting.body());
			for (AgendaItem item : items) {
				builder.items.putIfAbsent(item.key(),
						new MatchedItem(item.key(), item.number(), item.title(), item.matterId(), null));
			}
		}
		for (DocumentMatching.Hit hit : documents.match(event, wholeMeeting)) {
			if (!hit.interest().watches(meeting.feedId())) {
				continue;
			}
			Builder builder = byInterest.computeIfAbsent(hit.interest().id(),
					id -> new Builder(hit.interest().subscriberId(), id));
			builder.terms.add(hit.term());
			builder.documents.putIfAbsent(hit.match().url() + "\u0000" + hit.match().itemKey(), hit.match());
		}
		return byInterest.values().stream().map(Builder::build).toList();
	}

	private static Snippet snippet(Map<String, Snippet> found, int text, String in, String term) {
		String key = text + "\u0000" + term;
		if (!found.containsKey(key)) {
			found.put(key, Snippets.find(in, term).orElse(null));
		}
		return found.get(key);
	}

	private static List<AgendaItem> relevantItems(MeetingRevision event) {
		boolean all = event.changes().stream().anyMatch(change -> WHOLE_MEETING.contains(change.kind()));
		if (all) {
			return event.meeting().items();
		}
		Set<String> keys = event.changes().stream()
			.filter(change -> change.kind() == ChangeKind.ITEM_ADDED || change.kind() == ChangeKind.ITEM_CHANGED)
			.map(change -> change.itemKey())
			.collect(Collectors.toSet());
		return Stream.concat(event.meeting().items().stream().filter(item -> keys.contains(item.key())),
				event.removedItems().stream()).toList();
	}

	private static String meetingText(Meeting meeting) {
		return join(meeting.title(), meeting.body(), meeting.description());
	}

	private static String itemText(AgendaItem item) {
		return join(item.title(), item.text(), item.matterId());
	}

	private static String join(String... parts) {
		return Stream.of(parts).filter(part -> part != null && !part.isBlank()).collect(Collectors.joining("\n"));
	}

	private static final class Builder {

		private final long subscriberId;

		private final long interestId;

		private final Set<String> terms = new LinkedHashSet<>();

		private final Map<String, MatchedItem> items = new LinkedHashMap<>();

		private final Map<String, DocumentMatch> documents = new LinkedHashMap<>();

		private Snippet meetingSnippet;

		Builder(long subscriberId, long interestId) {
			this.subscriberId = subscriberId;
			this.interestId = interestId;
		}

		Match build() {
			return new Match(subscriberId, interestId, List.copyOf(terms), List.copyOf(items.values()), meetingSnippet,
					List.copyOf(documents.values()));
		}

	}

}
