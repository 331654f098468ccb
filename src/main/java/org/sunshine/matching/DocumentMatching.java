package org.sunshine.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.sunshine.document.DocumentTexts;
import org.sunshine.meeting.Change;
import org.sunshine.meeting.ChangeKind;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.subscription.Interest;

/**
 * Matches interests against the pages of a meeting's documents. A document read with new content is compared with
 * the content it had: a term counts only when it is on more pages than before, so a packet re-issued with a new
 * date in every footer tells nobody anything, and a packet that gains a page about someone's topic tells them.
 * Each hit names the page, preferring a page that is new.
 */
@Component
class DocumentMatching {

	private final InterestIndex index;

	private final DocumentTexts texts;

	DocumentMatching(InterestIndex index, DocumentTexts texts) {
		this.index = index;
		this.texts = texts;
	}

	/** One interest's text found in one document, with the words it found there. */
	record Hit(Interest interest, List<String> words, DocumentMatch match) {
	}

	/**
	 * The hits of a revision's documents: those it read anew (compared with their content before) and, when the
	 * change concerns the whole meeting, every document as it is now.
	 */
	List<Hit> match(MeetingRevision revision, boolean wholeMeeting) {
		Meeting meeting = revision.meeting();
		List<Hit> hits = new ArrayList<>();
		Set<String> done = new HashSet<>();
		for (Change change : revision.changes()) {
			if (change.kind() != ChangeKind.DOCUMENT_CHANGED || change.newValue() == null) {
				continue;
			}
			for (Meeting.Documented documented : meeting.allDocuments()) {
				if (change.newValue().equals(documented.document().contentHash())
						&& java.util.Objects.equals(change.itemKey(), documented.itemKey())
						&& done.add(documented.document().url() + "\u0000" + documented.itemKey())) {
					hits.addAll(match(documented, change.oldValue()));
				}
			}
		}
		if (wholeMeeting) {
			for (Meeting.Documented documented : meeting.allDocuments()) {
				if (documented.document().contentHash() != null
						&& done.add(documented.document().url() + "\u0000" + documented.itemKey())) {
					hits.addAll(match(documented, null));
				}
			}
		}
		return hits;
	}

	private List<Hit> match(Meeting.Documented documented, String oldHash) {
		List<String> pages = texts.pages(documented.document().contentHash());
		if (pages.isEmpty()) {
			return List.of();
		}
		List<String> before = oldHash == null ? List.of() : texts.pages(oldHash);
		Map<String, Integer> countBefore = new HashMap<>();
		for (InterestIndex.TextHits page : index.match(before)) {
			holders(page).keySet().forEach(key -> countBefore.merge(key, 1, Integer::sum));
		}
		Set<String> oldPages = new HashSet<>();
		before.forEach(page -> oldPages.add(MatchingText.normalised(page)));

		List<InterestIndex.TextHits> hitsNow = index.match(pages);
		Map<String, Integer> countNow = new HashMap<>();
		Map<String, Integer> firstPage = new LinkedHashMap<>();
		Map<String, InterestIndex.Holder> holders = new HashMap<>();
		for (int i = 0; i < hitsNow.size(); i++) {
			boolean newPage = !oldPages.contains(MatchingText.normalised(pages.get(i)));
			for (Map.Entry<String, InterestIndex.Holder> held : holders(hitsNow.get(i)).entrySet()) {
				String key = held.getKey();
				countNow.merge(key, 1, Integer::sum);
				holders.putIfAbsent(key, held.getValue());
				Integer first = firstPage.get(key);
				boolean firstWasOld = first != null && oldPages.contains(MatchingText.normalised(pages.get(first)));
				if (first == null || (newPage && firstWasOld)) {
					firstPage.put(key, i);
				}
			}
		}
		boolean isPdf = documented.document().pages() != null;
		Map<String, Found> foundOnPage = new HashMap<>();
		List<Hit> hits = new ArrayList<>();
		for (Map.Entry<String, Integer> entry : firstPage.entrySet()) {
			String key = entry.getKey();
			if (countNow.get(key) <= countBefore.getOrDefault(key, 0)) {
				continue;
			}
			InterestIndex.Holder holder = holders.get(key);
			int page = entry.getValue();
			// Many people following the same words: find them on the page once.
			Found found = foundOnPage.computeIfAbsent(page + "\u0000" + holder.query().text(), k -> {
				List<TermAnalysis.Token> analysed = hitsNow.get(page).text().tokens();
				return new Found(holder.query().wordsIn(analysed),
						Snippets.find(pages.get(page), analysed, holder.query().leavesIn(analysed)).orElse(null));
			});
			hits.add(new Hit(holder.interest(), found.words(), new DocumentMatch(documented.itemKey(),
					documented.document().title(), documented.document().url(), isPdf ? page + 1 : null, found.snippet())));
		}
		return hits;
	}

	/** Each interest text a page matched, once, by interest and text. */
	private static Map<String, InterestIndex.Holder> holders(InterestIndex.TextHits page) {
		Map<String, InterestIndex.Holder> holders = new LinkedHashMap<>();
		for (InterestIndex.QueryHit query : page.queries()) {
			for (InterestIndex.Holder holder : query.holders()) {
				holders.putIfAbsent(holder.interest().id() + "\u0000" + holder.query().text(), holder);
			}
		}
		return holders;
	}

	private record Found(List<String> words, Snippet snippet) {
	}

}
