package org.sunshine.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultiMatchingQueries;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.Query;
import org.springframework.stereotype.Component;
import org.sunshine.subscription.Interest;
import org.sunshine.subscription.Subscriptions;

/**
 * Every active interest's terms as stored Lucene queries (Lucene Monitor): a document runs against the
 * queries that share a word with it, not against every subscriber. Rebuilt when the interests change,
 * which each node notices by itself, so several nodes stay right without talking to each other.
 */
@Component
class InterestIndex {

	/** One of a subscriber's interest texts, each registered as its own query so we know which ones hit. */
	record TermQuery(Interest interest, InterestQuery query) {
	}

	private final Subscriptions subscriptions;

	private final InterestQueries compiler;

	private Monitor monitor;

	/** Each distinct stored query, by its id, with every subscriber's term it stands for. */
	private Map<String, List<TermQuery>> queries = Map.of();

	private String version;

	/** Interests that follow a body, by the body's name in lower case; and those that follow one meeting. */
	private Map<String, List<Interest>> byBody = Map.of();

	private Map<Long, List<Interest>> byMeeting = Map.of();

	InterestIndex(Subscriptions subscriptions, InterestQueries compiler) {
		this.subscriptions = subscriptions;
		this.compiler = compiler;
	}

	/** For each text, the term queries that hit it. */
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
			byBody.getOrDefault(body.strip().toLowerCase(java.util.Locale.ROOT), List.of()).stream()
				.filter(interest -> interest.watches(feedId))
				.forEach(found::add);
		}
		return found;
	}

	private void refreshIfStale() {
		String current = subscriptions.interestVersion() + "/" + compiler.version();
		if (current.equals(version)) {
			return;
		}
		try {
			if (monitor != null) {
				monitor.close();
			}
			monitor = new Monitor(TermAnalysis.ANALYZER);
			// A query is stored once however many people follow it ("stormwater" for 10,000 of them is one
			// query), and a hit fans out to all of them: matching costs the distinct queries, not the interests.
			Map<String, List<TermQuery>> registered = new HashMap<>();
			Map<String, Query> distinct = new HashMap<>();
			Map<String, InterestQuery> compiled = new HashMap<>();
			Map<String, List<Interest>> bodies = new HashMap<>();
			Map<Long, List<Interest>> meetings = new HashMap<>();
			for (Interest interest : subscriptions.activeInterests()) {
				if (interest.meetingId() != null) {
					meetings.computeIfAbsent(interest.meetingId(), id -> new ArrayList<>()).add(interest);
				}
				else if (interest.body() != null) {
					bodies.computeIfAbsent(interest.body().strip().toLowerCase(java.util.Locale.ROOT), key -> new ArrayList<>())
						.add(interest);
				}
				for (String term : interest.terms()) {
					InterestQuery query = compiled.computeIfAbsent(term, compiler::stored);
					String id = query.query().toString();
					distinct.putIfAbsent(id, query.query());
					registered.computeIfAbsent(id, key -> new ArrayList<>()).add(new TermQuery(interest, query));
				}
			}
			List<MonitorQuery> monitorQueries = distinct.entrySet().stream()
				.map(entry -> new MonitorQuery(entry.getKey(), entry.getValue(), entry.getKey(), Map.of()))
				.toList();
			monitor.register(monitorQueries);
			queries = registered;
			byBody = bodies;
			byMeeting = meetings;
			version = current;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
