package org.sunshine.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.sunshine.matching.DocumentMatch;
import org.sunshine.matching.Match;
import org.sunshine.matching.MatchedItem;
import org.sunshine.matching.Snippet;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Change;
import org.sunshine.meeting.ChangeKind;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.subscription.Recipient;

/**
 * Writes one alert for one subscriber about one meeting change: the model the templates see, and the
 * rendered email (subject, text, HTML) or SMS (at most two segments).
 */
@Component
class AlertComposer {

	/** Characters of context an SMS shows on each side of words matched in a document. */
	private static final int SMS_SNIPPET = 30;

	private final MessageTemplates templates;

	AlertComposer(MessageTemplates templates) {
		this.templates = templates;
	}

	record Email(String subject, String text, String html) {
	}

	/** Where the recipient manages and leaves their subscription. */
	record Links(String manageUrl, String unsubscribeUrl) {
	}

	Email email(MeetingRevision event, List<Match> matches, Recipient recipient, Links links, Set<String> relevantItems) {
		Map<String, Object> model = model(event, matches, recipient, relevantItems);
		model.put("manageUrl", links.manageUrl());
		model.put("unsubscribeUrl", links.unsubscribeUrl());
		// The meeting's page reached through the reader's own link: documents, their private calendar, follow it.
		model.put("meetingPageUrl", links.manageUrl() + "/meetings/" + event.meeting().id());
		String kind = (String) model.get("kind");
		String language = recipient.language();
		return new Email(flat(templates.render(language, kind, "subject.txt", model)),
				templates.render(language, kind, "email.txt", model).replaceAll("\\n{3,}", "\n\n"),
				templates.render(language, kind, "email.html", model));
	}

	String sms(MeetingRevision event, List<Match> matches, Recipient recipient, Set<String> relevantItems) {
		return sms(event, matches, recipient, relevantItems, null);
	}

	/**
	 * The alert as a text of at most two segments. It is rendered at falling levels of detail until it fits;
	 * what each level gives up is less important than what the next still keeps. The change, the time and the
	 * matched terms are never given up.
	 *
	 * @param meetingPage Sunshine's own page for the meeting, a short link used when the agenda's is too long
	 */
	String sms(MeetingRevision event, List<Match> matches, Recipient recipient, Set<String> relevantItems,
			String meetingPage) {
		Map<String, Object> model = model(event, matches, recipient, relevantItems);
		String kind = (String) model.get("kind");
		model.put("documents", documents(matches, recipient.language(), SMS_SNIPPET));
		List<java.util.function.Supplier<String>> renderings = new ArrayList<>();
		for (SmsDetail detail : SmsDetail.LEVELS) {
			renderings.add(() -> SmsText.flat(templates.render(recipient.language(), kind, "sms.txt",
					smsModel(model, detail, meetingPage))));
		}
		return SmsText.fit(renderings);
	}

	/**
	 * How much of an alert a text carries.
	 *
	 * @param items how many matched items
	 * @param title characters of an item's title (0: the number and the snippet only)
	 * @param snippet characters of the words around the hit (0: the hit alone)
	 * @param place characters of the first line of the place (0: none)
	 * @param name characters of the meeting's name (0: the body's name only, cut to 30)
	 * @param terms how many of the matched terms
	 */
	record SmsDetail(int items, int title, int snippet, boolean matterIds, boolean jurisdiction, int place,
			int name, boolean shortWas, boolean pageLink, boolean link, int terms) {

		static final List<SmsDetail> LEVELS = List.of(
				new SmsDetail(3, 90, 90, true, true, 70, 90, false, false, true, 9),
				new SmsDetail(2, 60, 70, true, true, 60, 90, false, false, true, 9),
				new SmsDetail(2, 50, 60, true, true, 60, 70, true, false, true, 9),
				new SmsDetail(1, 50, 60, true, false, 50, 70, true, false, true, 9),
				new SmsDetail(1, 0, 60, true, false, 50, 60, true, false, true, 9),
				new SmsDetail(1, 0, 60, true, false, 50, 60, true, true, true, 9),
				new SmsDetail(1, 0, 40, false, false, 40, 50, true, true, true, 4),
				new SmsDetail(1, 0, 0, false, false, 30, 0, true, true, true, 3),
				new SmsDetail(0, 0, 0, false, false, 25, 0, true, true, true, 2),
				new SmsDetail(0, 0, 0, false, false, 0, 0, true, true, false, 1));

	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> smsModel(Map<String, Object> full, SmsDetail detail, String meetingPage) {
		Map<String, Object> model = new HashMap<>(full);
		Map<String, Object> meeting = new HashMap<>((Map<String, Object>) full.get("meeting"));
		meeting.put("location", firstLine((String) meeting.get("location"), detail.place()));
		meeting.put("jurisdiction", detail.jurisdiction() ? meeting.get("jurisdiction") : null);
		meeting.put("name", detail.name() == 0 ? SmsText.cut((String) meeting.get("body"), 30)
				: SmsText.cut((String) meeting.get("name"), detail.name()));
		String link = (String) meeting.get("link");
		meeting.put("link", !detail.link() ? null : detail.pageLink() && meetingPage != null ? meetingPage : link);
		model.put("meeting", meeting);
		List<Map<String, Object>> changes = new ArrayList<>();
		for (Map<String, Object> change : (List<Map<String, Object>>) full.get("changes")) {
			Map<String, Object> copy = new HashMap<>(change);
			if ("location".equals(change.get("field"))) {
				copy.put("after", firstLine((String) change.get("after"), Math.max(detail.place(), 30)));
			}
			if (detail.shortWas() && change.get("beforeTime") != null) {
				copy.put("before", change.get("beforeTime"));
			}
			changes.add(copy);
		}
		model.put("changes", changes);
		model.put("items", ((List<Map<String, Object>>) full.get("items")).stream().limit(detail.items())
			.map(item -> smsItem(item, detail)).toList());
		// Words found in documents: as many as items, the words around them only while snippets are shown.
		model.put("documents", ((List<Map<String, Object>>) full.get("documents")).stream()
			.limit(Math.max(detail.items(), 1))
			.map(document -> detail.snippet() > 0 ? document : withoutSnippet(document)).toList());
		model.put("terms", ((List<String>) full.get("terms")).stream().limit(detail.terms()).toList());
		return model;
	}

	/** An item as a text shows it: its number, its title if room, and the words around the hit unless the title shows them. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> smsItem(Map<String, Object> item, SmsDetail detail) {
		Map<String, Object> copy = new HashMap<>(item);
		Map<String, Object> snippet = (Map<String, Object>) item.get("snippet");
		String number = (String) item.get("number");
		String title = (String) item.get("title");
		String shownTitle = detail.title() > 0 || snippet == null ? SmsText.cut(title, Math.max(detail.title(), 40))
				: null;
		copy.put("label", shownTitle == null ? (number == null ? null : number.strip().replaceAll("[.)]+$", ""))
				: AgendaItem.label(number, shownTitle));
		copy.put("matterId", detail.matterIds() ? item.get("matterId") : null);
		String hit = snippet == null ? null : (String) snippet.get("hit");
		boolean titleShowsHit = hit != null && shownTitle != null && shownTitle.contains(hit);
		copy.put("snippet", snippet == null || titleShowsHit ? null
				: Map.of("text", detail.snippet() == 0 ? hit
						: SmsText.around((String) snippet.get("before"), hit, (String) snippet.get("after"), detail.snippet())));
		return copy;
	}

	private static Map<String, Object> withoutSnippet(Map<String, Object> document) {
		Map<String, Object> copy = new HashMap<>(document);
		copy.put("snippet", null);
		return copy;
	}

	private static String firstLine(String text, int length) {
		if (text == null || length == 0) {
			return null;
		}
		return SmsText.cut(text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse(null),
				length);
	}

	/** A subject line is one line, however its template is laid out. */
	static String flat(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

	/**
	 * What the templates see. Item changes are shown only for {@code relevantItems}, the items this reader
	 * follows or was told about: a revised agenda is diffed per item, per reader.
	 */
	Map<String, Object> model(MeetingRevision event, List<Match> matches, Recipient recipient, Set<String> relevantItems) {
		Meeting meeting = event.meeting();
		ZoneId zone = recipient.zone() != null ? recipient.zone() : meeting.zone();
		String language = recipient.language();
		Map<String, Object> model = new HashMap<>();
		model.put("kind", primaryKind(event));
		model.put("critical", event.critical());
		model.put("meeting", meetingModel(meeting, zone, language));
		model.put("changes", changes(event, zone, language, relevantItems));
		model.put("items", items(matches));
		model.put("documents", documents(matches, language, Integer.MAX_VALUE));
		Set<String> terms = new LinkedHashSet<>();
		matches.forEach(match -> terms.addAll(match.terms()));
		model.put("terms", List.copyOf(terms));
		Snippet meetingSnippet = matches.stream().map(Match::meetingSnippet).filter(s -> s != null).findFirst().orElse(null);
		model.put("meetingSnippet", meetingSnippet == null ? null : snippet(meetingSnippet));
		return model;
	}

	static Map<String, Object> meetingModel(Meeting meeting, ZoneId zone, String language) {
		Map<String, Object> model = new HashMap<>();
		model.put("jurisdiction", meeting.jurisdiction());
		model.put("body", meeting.body());
		model.put("title", meeting.title());
		model.put("name", meeting.title() == null || meeting.title().equalsIgnoreCase(meeting.body()) ? meeting.body()
				: meeting.body() + " – " + meeting.title());
		model.put("notes", meeting.description());
		model.put("when", LocalTimes.format(meeting.start(), zone, language));
		model.put("location", meeting.location());
		model.put("link", meeting.link());
		model.put("status", meeting.status().name().toLowerCase());
		model.put("special", meeting.isSpecial());
		return model;
	}

	static List<Map<String, Object>> changes(MeetingRevision event, ZoneId zone, String language,
			Set<String> relevantItems) {
		Map<String, AgendaItem> items = new LinkedHashMap<>();
		event.meeting().items().forEach(item -> items.put(item.key(), item));
		event.removedItems().forEach(item -> items.putIfAbsent(item.key(), item));
		List<Map<String, Object>> changes = new ArrayList<>();
		for (Change change : event.changes()) {
			if (change.itemKey() != null && !relevantItems.contains(change.itemKey())) {
				continue;
			}
			Map<String, Object> view = new HashMap<>();
			view.put("kind", change.kind().name().toLowerCase().replace('_', '-'));
			view.put("field", change.field());
			boolean time = "start".equals(change.field());
			view.put("before", time ? LocalTimes.format(Instant.parse(change.oldValue()), zone, language) : change.oldValue());
			view.put("after", time ? LocalTimes.format(Instant.parse(change.newValue()), zone, language) : change.newValue());
			// A move within one day: "now 6:00 PM ..., was 5:00 PM" says it all where room is short.
			view.put("beforeTime", time && LocalTimes.sameDay(Instant.parse(change.oldValue()),
					Instant.parse(change.newValue()), zone) ? LocalTimes.time(Instant.parse(change.oldValue()), zone, language)
							: null);
			AgendaItem item = change.itemKey() == null ? null : items.get(change.itemKey());
			view.put("item", item == null ? null : itemLabel(item.number(), item.title()));
			changes.add(view);
		}
		return changes;
	}

	private static List<Map<String, Object>> items(List<Match> matches) {
		Map<String, Map<String, Object>> items = new LinkedHashMap<>();
		for (Match match : matches) {
			for (MatchedItem item : match.items()) {
				items.computeIfAbsent(item.key(), key -> {
					Map<String, Object> view = new HashMap<>();
					view.put("number", item.number());
					view.put("title", item.title());
					view.put("matterId", item.matterId());
					view.put("label", itemLabel(item.number(), item.title()));
					view.put("snippet", item.snippet() == null ? null : snippet(item.snippet()));
					return view;
				});
			}
		}
		return new ArrayList<>(items.values());
	}

	/**
	 * Where the matched words are in documents, each as "Agenda packet, p. 37" with its snippet (cut to
	 * {@code context} characters on each side of the words), and the agenda item the document belongs to.
	 */
	private static List<Map<String, Object>> documents(List<Match> matches, String language, int context) {
		Map<String, Map<String, Object>> documents = new LinkedHashMap<>();
		for (Match match : matches) {
			for (DocumentMatch document : match.documents()) {
				documents.computeIfAbsent(document.url() + "\u0000" + document.itemKey(), key -> {
					Map<String, Object> view = new HashMap<>();
					view.put("label", document.page() == null ? document.title()
							: document.title() + ", " + PAGE.getOrDefault(language, "p.") + " " + document.page());
					view.put("url", document.url());
					view.put("snippet", document.snippet() == null ? null : snippet(cut(document.snippet(), context)));
					return view;
				});
			}
		}
		return new ArrayList<>(documents.values());
	}

	private static final Map<String, String> PAGE = Map.of("en", "p.", "es", "pág.", "ht", "p.");

	private static Snippet cut(Snippet snippet, int context) {
		String before = snippet.before();
		String after = snippet.after();
		if (before.length() > context) {
			before = "…" + before.substring(before.length() - context).stripLeading();
		}
		if (after.length() > context) {
			after = after.substring(0, context).stripTrailing() + "…";
		}
		return new Snippet(before, snippet.hit(), after);
	}

	private static Map<String, Object> snippet(Snippet snippet) {
		return Map.of("before", snippet.before(), "hit", snippet.hit(), "after", snippet.after(), "text",
				snippet.toString());
	}

	static String itemLabel(String number, String title) {
		return AgendaItem.label(number, title);
	}

	/** The change a message leads with: what matters most to someone planning to attend. */
	static String primaryKind(MeetingRevision event) {
		for (ChangeKind kind : List.of(ChangeKind.CANCELLED, ChangeKind.RESCHEDULED, ChangeKind.REINSTATED,
				ChangeKind.ANNOUNCED, ChangeKind.AGENDA_PUBLISHED, ChangeKind.ITEM_ADDED, ChangeKind.ITEM_CHANGED,
				ChangeKind.ITEM_REMOVED, ChangeKind.DOCUMENT_CHANGED)) {
			if (event.has(kind)) {
				return kind.name().toLowerCase().replace('_', '-');
			}
		}
		return "announced";
	}

}
