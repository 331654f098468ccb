package org.sunshine.matching;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
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
		String meetingText = wholeMeeting ? MatchingText.meeting(meeting) : "";
		List<String> texts = new ArrayList<>();
		texts.add(meetingText);
		items.forEach(item -> texts.add(MatchingText.item(item)));
		List<InterestIndex.TextHits> hits = index.match(texts);

		Map<Long, Builder> byInterest = new LinkedHashMap<>();
		for (int i = 0; i < hits.size(); i++) {
			InterestIndex.TextHits text = hits.get(i);
			String original = texts.get(i);
			// Thousands of people following the same words hit the same text: find each interest text's words and
			// snippet there once (a text is compiled once in the index, so it is known by identity).
			Map<InterestQuery, Found> found = new IdentityHashMap<>();
			for (InterestIndex.QueryHit query : text.queries()) {
				for (InterestIndex.Holder hit : query.holders()) {
					if (!hit.interest().watches(meeting.feedId())) {
						continue;
					}
					Found words = found.computeIfAbsent(hit.query(), interestQuery -> {
						List<TermAnalysis.Token> tokens = text.text().tokens();
						return new Found(interestQuery.wordsIn(tokens),
								Snippets.find(original, tokens, interestQuery.leavesIn(tokens)).orElse(null));
					});
					Builder builder = byInterest.computeIfAbsent(hit.interest().id(),
							id -> new Builder(hit.interest().subscriberId(), id));
					builder.terms.addAll(words.words());
					if (i == 0) {
						builder.meetingSnippet = builder.meetingSnippet != null ? builder.meetingSnippet : words.snippet();
					}
					else {
						AgendaItem item = items.get(i - 1);
						if (!builder.items.containsKey(item.key())) {
							builder.items.put(item.key(), new MatchedItem(item.key(), item.number(), item.title(),
									item.matterId(), words.snippet()));
						}
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
			builder.terms.addAll(hit.words());
			builder.documents.putIfAbsent(hit.match().url() + "\u0000" + hit.match().itemKey(), hit.match());
		}
		return byInterest.values().stream().map(Builder::build).toList();
	}

	/** What an interest text found in one text: the words, as alerts name them, and the snippet. */
	private record Found(List<String> words, Snippet snippet) {
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
