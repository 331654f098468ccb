package org.sunshine.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.sunshine.document.DocumentTexts;
import org.sunshine.language.InterestSyntaxException;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;

/**
 * Meeting search in the interest language: a meeting is found exactly when an interest with the same text would
 * be alerted of its announcement, since both compile the text the same way and match the same texts (the
 * meeting's own, each item's, each document page).
 */
@Service
public class MeetingSearch {

	private final InterestQueries compiler;

	private final DocumentTexts documents;

	MeetingSearch(InterestQueries compiler, DocumentTexts documents) {
		this.compiler = compiler;
		this.documents = documents;
	}

	/**
	 * The meetings the query finds, in their order; all of them when the query is blank.
	 * @throws InterestSyntaxException naming the field {@code q} and the position of a mistake
	 */
	public List<Meeting> filter(List<Meeting> meetings, String query) {
		if (query == null || query.isBlank()) {
			return meetings;
		}
		InterestQuery compiled;
		try {
			compiled = compiler.strict(query.strip());
		}
		catch (InterestSyntaxException e) {
			throw e.about("q", null);
		}
		return meetings.stream().filter(meeting -> finds(compiled, meeting)).toList();
	}

	/** A meeting interests would be told of, with the agenda items they name in it (none when only its own text or a document matched). */
	public record Preview(Meeting meeting, List<AgendaItem> items) {
	}

	/**
	 * What someone following these interests would be told of among these meetings, as alerts would find it: for
	 * the sign-up and manage pages' preview, before anything is stored.
	 * @throws InterestSyntaxException naming the field {@code interests}, which interest and the position
	 */
	public List<Preview> preview(List<Meeting> meetings, List<String> interests) {
		List<InterestQuery> queries = new ArrayList<>();
		for (int i = 0; i < interests.size(); i++) {
			try {
				queries.add(compiler.strict(interests.get(i).strip()));
			}
			catch (InterestSyntaxException e) {
				throw e.about("interests", "interest " + (i + 1) + " ('" + interests.get(i) + "')");
			}
		}
		List<Preview> previews = new ArrayList<>();
		for (Meeting meeting : meetings) {
			List<AgendaItem> items = meeting.items().stream()
				.filter(item -> finds(queries, MatchingText.item(item)))
				.toList();
			if (!items.isEmpty() || queries.stream().anyMatch(query -> finds(query, meeting))) {
				previews.add(new Preview(meeting, items));
			}
		}
		return previews;
	}

	private boolean finds(InterestQuery query, Meeting meeting) {
		List<String> texts = new ArrayList<>();
		texts.add(MatchingText.meeting(meeting));
		meeting.items().stream().map(MatchingText::item).forEach(texts::add);
		if (texts.stream().anyMatch(text -> finds(List.of(query), text))) {
			return true;
		}
		// Documents last: their pages are read only for meetings nothing else found.
		return meeting.allDocuments().stream()
			.flatMap(documented -> documents.pages(documented.document().contentHash()).stream())
			.anyMatch(page -> finds(List.of(query), page));
	}

	/** Decided as the interest index decides alerts: the same conditions on the same analysis. */
	private static boolean finds(List<InterestQuery> queries, String text) {
		if (text.isBlank()) {
			return false;
		}
		AnalysedText analysed = AnalysedText.of(text);
		return queries.stream().anyMatch(query -> query.matches(analysed));
	}

}
