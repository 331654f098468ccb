package org.sunshine.matching;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.sunshine.subscription.Interest;
import org.sunshine.subscription.ActiveInterests;
import org.sunshine.subscription.ActiveInterests.InterestChange;
import org.sunshine.subscription.ActiveInterests.InterestJournal;

/**
 * Every active interest's texts as distinct stored queries, filed under their anchor words ({@link AnchorIndex}):
 * a text is compared only with the queries that share a word with it, not with every subscriber, and a query is
 * stored once however many people hold it. The index follows the journal of interest changes that the
 * subscription module writes with every change: per match it asks only for the newest seq, and when there is
 * something new it reloads the interests of the subscribers named, and only those. Each node does so by itself,
 * so several nodes stay right without talking to each other. It is built whole from the database at the first
 * match, when the alias groups change, and when it has lost track of the journal (pruned after a day).
 */
@Component
class InterestIndex {

	/** One interest holding a stored query, with its own text compiled (which names the words an alert shows). */
	record Holder(Interest interest, InterestQuery query) {
	}

	/**
	 * A stored query a text matched, and who holds it: the query itself is handed out, not a copy, since a text
	 * hits thousands of them at a million interests. Holders are read when walked, so one who signed up since the
	 * match is among them and one who left is not.
	 */
	interface QueryHit {

		String key();

		List<Holder> holders();

	}

	/** What one text matched, and the text as analysed for it (for the words and snippets of each hit). */
	record TextHits(AnalysedText text, List<QueryHit> queries) {
	}

	/** A text compiled once with the alias groups in force, and the key of its stored query. */
	private record Compiled(InterestQuery query, String key) {
	}

	private final ActiveInterests subscriptions;

	private final InterestQueries compiler;

	private final Clock clock;

	private AnchorIndex anchors = new AnchorIndex();

	private final Map<String, StoredQuery> queries = new HashMap<>();

	private final Map<String, Compiled> compiled = new HashMap<>();

	/** The interests indexed, by subscriber: the journal names subscribers, whose interests are replaced whole. */
	private final Map<Long, List<Interest>> bySubscriber = new HashMap<>();

	/** Interests that follow a body, by the body's name in lower case; and those that follow one meeting. */
	private final Map<String, List<Interest>> byBody = new HashMap<>();

	private final Map<Long, List<Interest>> byMeeting = new HashMap<>();

	private JournalCursor cursor;

	private long aliasVersion = -1;

	private int builds;

	InterestIndex(ActiveInterests subscriptions, InterestQueries compiler, Clock clock) {
		this.subscriptions = subscriptions;
		this.compiler = compiler;
		this.clock = clock;
	}

	/** For each text, the distinct stored queries that match it. */
	List<TextHits> match(List<String> texts) {
		// Analysis needs no lock; only looking up the queries does.
		List<AnalysedText> analysed = texts.stream().map(AnalysedText::of).toList();
		synchronized (this) {
			refreshIfStale();
			List<TextHits> hits = new ArrayList<>(analysed.size());
			for (AnalysedText text : analysed) {
				hits.add(new TextHits(text, Collections.unmodifiableList(anchors.matches(text))));
			}
			return hits;
		}
	}

	/** Interests following the meeting's body or the meeting itself; a follow's feed, if any, must be the meeting's. */
	synchronized List<Interest> follows(long meetingId, String feedId, String body) {
		refreshIfStale();
		List<Interest> found = new ArrayList<>(byMeeting.getOrDefault(meetingId, List.of()));
		if (body != null) {
			byBody.getOrDefault(bodyKey(body), List.of()).stream()
				.filter(interest -> interest.watches(feedId))
				.forEach(found::add);
		}
		return found;
	}

	/** How many times the index was built whole (tests hold changes of interests to none). */
	synchronized int builds() {
		return builds;
	}

	/** How many distinct queries are stored. */
	synchronized int storedQueries() {
		return queries.size();
	}

	private void refreshIfStale() {
		if (cursor == null || compiler.version() != aliasVersion) {
			build();
			return;
		}
		InterestJournal journal = subscriptions.interestJournal();
		cursor.forgetOverdue(clock);
		if (cursor.isCurrent(journal)) {
			return;
		}
		if (cursor.lostTrack(journal)) {
			build();
			return;
		}
		List<InterestChange> read = subscriptions.interestChangesSince(cursor.last(), cursor.gaps());
		Set<Long> changed = new HashSet<>();
		read.forEach(change -> changed.add(change.subscriberId()));
		if (!changed.isEmpty()) {
			replace(changed, subscriptions.activeInterestsOf(changed));
		}
		cursor.advance(read, journal.latest(), clock);
	}

	private void build() {
		long aliases = compiler.version();
		// The journal first: whatever changes while every interest is read is read again from it afterwards.
		InterestJournal journal = subscriptions.interestJournal();
		long from = JournalCursor.lookbackFrom(journal);
		List<InterestChange> recent = subscriptions.interestChangesSince(from, List.of());
		List<Interest> active = subscriptions.activeInterests();
		anchors = new AnchorIndex();
		queries.clear();
		compiled.clear();
		bySubscriber.clear();
		byBody.clear();
		byMeeting.clear();
		Map<Long, List<Interest>> grouped = new LinkedHashMap<>();
		active.forEach(interest -> grouped.computeIfAbsent(interest.subscriberId(), id -> new ArrayList<>()).add(interest));
		replace(grouped.keySet(), active);
		cursor = JournalCursor.start(from, journal, recent, clock);
		aliasVersion = aliases;
		builds++;
	}

	/** Replaces these subscribers' interests in the index with theirs now ({@code active}: theirs only). */
	private void replace(Collection<Long> subscriberIds, List<Interest> active) {
		Map<Long, List<Interest>> now = new HashMap<>();
		active.forEach(interest -> now.computeIfAbsent(interest.subscriberId(), id -> new ArrayList<>()).add(interest));
		HolderChanges changes = new HolderChanges();
		for (long subscriberId : subscriberIds) {
			List<Interest> before = bySubscriber.getOrDefault(subscriberId, List.of());
			List<Interest> after = now.getOrDefault(subscriberId, List.of());
			if (before.equals(after)) {
				continue;
			}
			before.forEach(interest -> remove(interest, changes));
			after.forEach(interest -> add(interest, changes));
			if (after.isEmpty()) {
				bySubscriber.remove(subscriberId);
			}
			else {
				bySubscriber.put(subscriberId, List.copyOf(after));
			}
		}
		changes.apply();
	}

	private void add(Interest interest, HolderChanges changes) {
		if (interest.meetingId() != null) {
			byMeeting.computeIfAbsent(interest.meetingId(), id -> new ArrayList<>()).add(interest);
		}
		else if (interest.body() != null) {
			byBody.computeIfAbsent(bodyKey(interest.body()), key -> new ArrayList<>()).add(interest);
		}
		for (String term : interest.terms()) {
			Compiled text = compiled.computeIfAbsent(term, this::compile);
			StoredQuery query = queries.computeIfAbsent(text.key(),
					key -> new StoredQuery(key, text.query().condition()));
			changes.of(query).added.add(new Holder(interest, text.query()));
		}
	}

	private void remove(Interest interest, HolderChanges changes) {
		if (interest.meetingId() != null) {
			removeFrom(byMeeting, interest.meetingId(), interest);
		}
		else if (interest.body() != null) {
			removeFrom(byBody, bodyKey(interest.body()), interest);
		}
		for (String term : interest.terms()) {
			StoredQuery query = queries.get(compiled.get(term).key());
			changes.of(query).removed.add(interest.id());
		}
	}

	private Compiled compile(String text) {
		InterestQuery query = compiler.stored(text);
		return new Compiled(query, query.query().toString());
	}

	/**
	 * The holders gained and lost by each stored query in one look at the journal, applied once per query: a query
	 * held by 50,000 people is copied once however many of them changed.
	 */
	private final class HolderChanges {

		private final Map<StoredQuery, Change> changes = new LinkedHashMap<>();

		private static final class Change {

			private final Set<Long> removed = new HashSet<>();

			private final List<Holder> added = new ArrayList<>();

		}

		Change of(StoredQuery query) {
			return changes.computeIfAbsent(query, key -> new Change());
		}

		void apply() {
			changes.forEach((query, change) -> {
				boolean wasHeld = !query.holders().isEmpty();
				List<Holder> holders = new ArrayList<>(query.holders().size() + change.added.size());
				if (change.removed.isEmpty()) {
					holders.addAll(query.holders());
				}
				else {
					query.holders().stream().filter(holder -> !change.removed.contains(holder.interest().id()))
						.forEach(holders::add);
				}
				holders.addAll(change.added);
				query.hold(holders);
				if (holders.isEmpty()) {
					if (wasHeld) {
						anchors.remove(query);
					}
					queries.remove(query.key());
				}
				else if (!wasHeld) {
					anchors.add(query);
				}
			});
		}

	}

	private static <K> void removeFrom(Map<K, List<Interest>> map, K key, Interest interest) {
		List<Interest> list = map.get(key);
		if (list != null) {
			list.removeIf(held -> Objects.equals(held.id(), interest.id()));
			if (list.isEmpty()) {
				map.remove(key);
			}
		}
	}

	private static String bodyKey(String body) {
		return body.strip().toLowerCase(Locale.ROOT);
	}

}
