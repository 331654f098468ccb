package org.sunshine.notification;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.sunshine.meeting.Meeting;
import org.sunshine.subscription.Recipient;

/** Writes a daily or weekly digest: every held match since the last one, grouped by meeting. */
@Component
class DigestComposer {

	private static final List<String> KINDS = List.of("digest");

	private final MessageTemplates templates;

	DigestComposer(MessageTemplates templates) {
		this.templates = templates;
	}

	/** What a digest entry recorded about one change of one meeting. */
	record Entry(long meetingId, String kind, List<String> terms, List<String> items, List<String> itemKeys) {
	}

	/** A digest ready to render per channel. */
	final class Digest {

		private final Recipient recipient;

		private final Map<String, Object> model;

		private final List<String> itemKeys;

		Digest(Recipient recipient, Map<String, Object> model, List<String> itemKeys) {
			this.recipient = recipient;
			this.model = model;
			this.itemKeys = itemKeys;
		}

		AlertComposer.Email email(AlertComposer.Links links) {
			Map<String, Object> withLinks = new HashMap<>(model);
			withLinks.put("manageUrl", links.manageUrl());
			withLinks.put("unsubscribeUrl", links.unsubscribeUrl());
			String language = recipient.language();
			return new AlertComposer.Email(AlertComposer.flat(templates.render(language, KINDS, "subject.txt", withLinks)),
					templates.render(language, KINDS, "email.txt", withLinks).replaceAll("\\n{3,}", "\n\n"),
					templates.render(language, KINDS, "email.html", withLinks));
		}

		/** Every meeting while they fit two segments; past that, the first ones and how many more the email has. */
		@SuppressWarnings("unchecked")
		String sms() {
			List<Map<String, Object>> all = (List<Map<String, Object>>) model.get("meetings");
			List<Supplier<String>> renderings = new ArrayList<>();
			for (int name : new int[] { 90, 40 }) {
				for (int shown = all.size(); shown >= 1; shown--) {
					int count = shown;
					renderings.add(() -> {
						Map<String, Object> fitted = new HashMap<>(model);
						fitted.put("meetings", all.subList(0, count).stream().map(meeting -> {
							Map<String, Object> copy = new HashMap<>(meeting);
							copy.put("name", SmsText.cut((String) meeting.get("name"), name));
							return copy;
						}).toList());
						fitted.put("more", all.size() - count);
						return SmsText.flat(templates.render(recipient.language(), KINDS, "sms.txt", fitted));
					});
				}
			}
			return SmsText.fit(renderings);
		}

		List<String> itemKeys() {
			return itemKeys;
		}

	}

	Digest compose(Recipient recipient, String period, Map<Meeting, List<Entry>> byMeeting) {
		List<Map<String, Object>> meetings = new ArrayList<>();
		Set<String> itemKeys = new LinkedHashSet<>();
		for (Map.Entry<Meeting, List<Entry>> group : byMeeting.entrySet()) {
			Meeting meeting = group.getKey();
			ZoneId zone = recipient.zone() != null ? recipient.zone() : meeting.zone();
			Map<String, Object> view = new HashMap<>(AlertComposer.meetingModel(meeting, zone, recipient.language()));
			Set<String> items = new LinkedHashSet<>();
			Set<String> terms = new LinkedHashSet<>();
			Set<String> kinds = new LinkedHashSet<>();
			for (Entry entry : group.getValue()) {
				items.addAll(entry.items());
				terms.addAll(entry.terms());
				kinds.add(entry.kind());
				itemKeys.addAll(entry.itemKeys());
			}
			view.put("items", List.copyOf(items));
			view.put("terms", List.copyOf(terms));
			view.put("kinds", List.copyOf(kinds));
			meetings.add(view);
		}
		Map<String, Object> model = new HashMap<>();
		model.put("kind", "digest");
		model.put("period", period);
		model.put("meetings", meetings);
		return new Digest(recipient, model, List.copyOf(itemKeys));
	}

}
