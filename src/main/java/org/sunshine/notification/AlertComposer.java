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
import org.sunshine.matching.Match;
import org.sunshine.matching.MatchedItem;
import org.sunshine.matching.Snippet;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Change;
import org.sunshine.meeting.ChangeKind;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.notification.channel.sms.SmsSegments;
import org.sunshine.subscription.Recipient;

/**
 * Writes one alert for one subscriber about one meeting change: the model the templates see, and the
 * rendered email (subject, text, HTML) or SMS (at most two segments).
 */
@Component
class AlertComposer {

	static final int MAX_SMS_SEGMENTS = 2;

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
		String kind = (String) model.get("kind");
		String language = recipient.language();
		return new Email(flat(templates.render(language, kind, "subject.txt", model)),
				templates.render(language, kind, "email.txt", model).replaceAll("\\n{3,}", "\n\n"),
				templates.render(language, kind, "email.html", model));
	}

	String sms(MeetingRevision event, List<Match> matches, Recipient recipient, Set<String> relevantItems) {
		Map<String, Object> model = model(event, matches, recipient, relevantItems);
		String kind = (String) model.get("kind");
		// A text carries the first line of the place ("City Hall, 1300 White Street"), not the dial-in details.
		model.put("meeting", shortenedMeeting(model, 200));
		String text = flat(templates.render(recipient.language(), kind, "sms.txt", model));
		// Too long for two segments: drop the snippets, then shorten titles, until it fits.
		for (int titleLength : new int[] { 80, 40, 0 }) {
			if (SmsSegments.count(text) <= MAX_SMS_SEGMENTS) {
				break;
			}
			model.put("compact", true);
			model.put("items", shortened(model, titleLength));
			model.put("meeting", shortenedMeeting(model, titleLength));
			text = flat(templates.render(recipient.language(), kind, "sms.txt", model));
		}
		return text;
	}

	/** An SMS is one paragraph, however its template is laid out, in GSM-7 where punctuation allows. */
	static String flat(String text) {
		return text.replace('–', '-').replace("…", "...").replace('“', '"').replace('”', '"').replaceAll("\\s+", " ").strip();
	}

	private static Object shortenedMeeting(Map<String, Object> model, int length) {
		@SuppressWarnings("unchecked")
		Map<String, Object> meeting = new HashMap<>((Map<String, Object>) model.get("meeting"));
		String location = (String) meeting.get("location");
		meeting.put("location", location == null ? null : shorten(location.lines().findFirst().orElse(""), Math.max(length, 40)));
		return meeting;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> shortened(Map<String, Object> model, int length) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (Map<String, Object> item : (List<Map<String, Object>>) model.get("items")) {
			Map<String, Object> copy = new HashMap<>(item);
			String title = compactTitle(item, Math.max(length, 30));
			copy.put("title", title);
			copy.put("label", itemLabel((String) item.get("number"), title));
			items.add(copy);
		}
		return length == 0 && !items.isEmpty() ? items.subList(0, 1) : items;
	}

	/** A short title that still shows the matched words: the stretch of text around them, if we have it. */
	@SuppressWarnings("unchecked")
	private static String compactTitle(Map<String, Object> item, int length) {
		Map<String, Object> snippet = (Map<String, Object>) item.get("snippet");
		if (snippet == null) {
			return shorten((String) item.get("title"), length);
		}
		String hit = (String) snippet.get("hit");
		int context = Math.max((length - hit.length()) / 2, 0);
		String before = ((String) snippet.get("before")).replace("…", "");
		String after = ((String) snippet.get("after")).replace("…", "");
		before = before.length() > context ? "…" + before.substring(before.length() - context).stripLeading() : before;
		after = after.length() > context ? after.substring(0, context).stripTrailing() + "…" : after;
		return before + hit + after;
	}

	private static String shorten(String text, int length) {
		return text == null || text.length() <= length ? text : text.substring(0, Math.max(length - 1, 0)).strip() + "…";
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
		model.put("compact", false);
		model.put("meeting", meetingModel(meeting, zone, language));
		model.put("changes", changes(event, zone, language, relevantItems));
		model.put("items", items(matches));
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

	private static Map<String, Object> snippet(Snippet snippet) {
		return Map.of("before", snippet.before(), "hit", snippet.hit(), "after", snippet.after(), "text",
				snippet.toString());
	}

	static String itemLabel(String number, String title) {
		return number == null || number.isBlank() ? title : number + " " + title;
	}

	/** The change a message leads with: what matters most to someone planning to attend. */
	static String primaryKind(MeetingRevision event) {
		for (ChangeKind kind : List.of(ChangeKind.CANCELLED, ChangeKind.RESCHEDULED, ChangeKind.REINSTATED,
				ChangeKind.ANNOUNCED, ChangeKind.AGENDA_PUBLISHED, ChangeKind.ITEM_ADDED, ChangeKind.ITEM_CHANGED,
				ChangeKind.ITEM_REMOVED)) {
			if (event.has(kind)) {
				return kind.name().toLowerCase().replace('_', '-');
			}
		}
		return "announced";
	}

}
