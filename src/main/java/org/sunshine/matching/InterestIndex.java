package org.sunshine.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.lucene.document.Document;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultiMatchingQueries;
import org.apache.lucene.monitor.QueryMatch;
import org.springframework.stereotype.Component;
import org.sunshine.subscription.Interest;
import org.sunshine.subscription.Subscriptions;

/**
 * Every active interest's texts as stored Lucene queries (Lucene Monitor): a document runs against the
 * queries that share a word with it, not against every subscriber. A query is stored once however many people
 * hold it ("stormwater" for 10,000 of them is one query) and a hit fans out to all of them. When the interests
 * change, which each node notices by itself (so several nodes stay right without talking to each other), only
 * the interests added, changed or removed touch the index; it is built whole at the first match and when the
 * alias groups change.
 */
@Component
class InterestIndex {

	/** One of a subscriber's interest texts, each registered as its own query so we know which ones hit. */
	record TermQuery(Interest interest, InterestQuery query) {
	}

	private final Subscriptions subscriptions;

	private final InterestQueries compiler;

	private Monitor monitor;

	/** Each distinct stored query, by its id, with every subscriber's interest text it stands for. */
	private final Map<String, List<TermQuery>> queries = new HashMap<>();

	/** The interests indexed, by id. */
	private final Map<Long, Interest> indexed = new HashMap<>();

	/** Interest texts compiled with the alias groups in force, shared by everyone who wrote the same text. */
	private final Map<String, InterestQuery> compiled = new HashMap<>();

	/** Interests that follow a body, by the body's name in lower case; and those that follow one meeting. */
	private final Map<String, List<Interest>> byBody = new HashMap<>();

	private final Map<Long, List<Interest>> byMeeting = new HashMap<>();

	private String version;

	private long aliasVersion = -1;

	private int builds;

	InterestIndex(Subscriptions subscriptions, InterestQueries compiler) {
		this.subscriptions = subscriptions;
		this.compiler = compiler;
	}

	/** For each text, the interest texts that hit it. */
	synchronized List<List<TermQuery>> match(List<String> texts) {
		refreshIfStale();
		if (queries.isEmpty() || texts.isEmpty()) {
			return texts.stream().map(text -> List.<TermQuery>of()).toList();
		}
		Document[] documents = texts.stream().map(TermAnalysis::document).toArray(Document[]::new);
		try {
			MultiMatchingQueries<QueryMatch> matches = monitor.match(documents, QueryMatch.SIMPLE_MATCHER);
			List<List<TermQuery>> hits = new ArrayList<>();
			for (int i = 0; i < documents.length; i++) {
				hits.add(matches.getMatches(i).stream().flatMap(match -> queries.get(match.getQueryId()).stream())
					.toList());
			}
			return hits;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
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
		String current = subscriptions.interestVersion();
		long aliases = compiler.version();
		if (current.equals(version) && aliases == aliasVersion) {
			return;
		}
		try {
			if (aliases != aliasVersion || monitor == null) {
				build(subscriptions.activeInterests());
				aliasVersion = aliases;
			}
			else {
				update(subscriptions.activeInterests());
			}
			version = current;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void build(List<Interest> active) throws IOException {
		if (monitor != null) {
			monitor.close();
		}
		monitor = new Monitor(TermAnalysis.ANALYZER);
		queries.clear();
		indexed.clear();
		compiled.clear();
		byBody.clear();
		byMeeting.clear();
		Map<String, MonitorQuery> added = new LinkedHashMap<>();
		active.forEach(interest -> add(interest, added));
		monitor.register(List.copyOf(added.values()));
		builds++;
	}

	/** Takes in the interests added, changed or removed since the last look, and only those. */
	private void update(List<Interest> active) throws IOException {
		Map<Long, Interest> now = new HashMap<>();
		active.forEach(interest -> now.put(interest.id(), interest));
		List<String> emptied = new ArrayList<>();
		for (Interest before : List.copyOf(indexed.values())) {
			if (!before.equals(now.get(before.id()))) {
				remove(before, emptied);
			}
		}
		Map<String, MonitorQuery> added = new LinkedHashMap<>();
		for (Interest interest : active) {
			if (!indexed.containsKey(interest.id())) {
				add(interest, added);
			}
		}
		// A query emptied and taken again in the same look is registered again, which replaces it (same id).
		List<String> gone = emptied.stream().filter(id -> !queries.containsKey(id)).distinct().toList();
		if (!gone.isEmpty()) {
			monitor.deleteById(gone);
		}
		if (!added.isEmpty()) {
			monitor.register(List.copyOf(added.values()));
		}
	}

	private void add(Interest interest, Map<String, MonitorQuery> added) {
		indexed.put(interest.id(), interest);
		if (interest.meetingId() != null) {
			byMeeting.computeIfAbsent(interest.meetingId(), id -> new ArrayList<>()).add(interest);
		}
		else if (interest.body() != null) {
			byBody.computeIfAbsent(bodyKey(interest.body()), key -> new ArrayList<>()).add(interest);
		}
		for (String term : interest.terms()) {
			InterestQuery query = compiled.computeIfAbsent(term, compiler::stored);
			String id = query.query().toString();
			List<TermQuery> holders = queries.computeIfAbsent(id, key -> new ArrayList<>());
			if (holders.isEmpty()) {
				added.put(id, new MonitorQuery(id, query.query(), id, Map.of()));
			}
			holders.add(new TermQuery(interest, query));
		}
	}

	private void remove(Interest interest, List<String> emptied) {
		indexed.remove(interest.id());
		if (interest.meetingId() != null) {
			removeFrom(byMeeting, interest.meetingId(), interest);
		}
		else if (interest.body() != null) {
			removeFrom(byBody, bodyKey(interest.body()), interest);
		}
		for (String term : interest.terms()) {
			String id = compiled.get(term).query().toString();
			List<TermQuery> holders = queries.get(id);
			holders.removeIf(held -> held.interest().id() == interest.id());
			if (holders.isEmpty()) {
				queries.remove(id);
				emptied.add(id);
			}
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
