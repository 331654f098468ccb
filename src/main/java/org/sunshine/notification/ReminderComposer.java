package org.sunshine.notification;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.subscription.Recipient;

/** Writes a reminder before a meeting: when, where, the items the reader follows, how soon. */
@Component
class ReminderComposer {

	private static final List<String> KINDS = List.of("reminder");

	private final MessageTemplates templates;

	ReminderComposer(MessageTemplates templates) {
		this.templates = templates;
	}

	AlertComposer.Email email(Recipient recipient, Meeting meeting, List<AgendaItem> items, Duration lead,
			AlertComposer.Links links) {
		Map<String, Object> model = model(recipient, meeting, items, lead);
		model.put("manageUrl", links.manageUrl());
		model.put("unsubscribeUrl", links.unsubscribeUrl());
		String language = recipient.language();
		return new AlertComposer.Email(AlertComposer.flat(templates.render(language, KINDS, "subject.txt", model)),
				templates.render(language, KINDS, "email.txt", model).replaceAll("\\n{3,}", "\n\n"),
				templates.render(language, KINDS, "email.html", model));
	}

	String sms(Recipient recipient, Meeting meeting, List<AgendaItem> items, Duration lead) {
		return sms(recipient, meeting, items, lead, null);
	}

	/**
	 * A reminder as a text of at most two segments: the lead time, the time and the place are kept; the item,
	 * the jurisdiction and the long agenda link give way first.
	 *
	 * @param meetingPage Sunshine's own page for the meeting, a short link used when the agenda's is too long
	 */
	String sms(Recipient recipient, Meeting meeting, List<AgendaItem> items, Duration lead, String meetingPage) {
		Map<String, Object> full = model(recipient, meeting, items.isEmpty() ? items : items.subList(0, 1), lead);
		List<Supplier<String>> renderings = new ArrayList<>();
		// item characters, jurisdiction, short link, place characters, name characters (0: the body alone)
		int[][] levels = { { 80, 1, 0, 70, 90 }, { 50, 0, 0, 60, 70 }, { 50, 0, 1, 50, 60 }, { 35, 0, 1, 40, 50 },
				{ 0, 0, 1, 30, 0 } };
		for (int[] level : levels) {
			renderings.add(() -> {
				Map<String, Object> model = new HashMap<>(full);
				model.put("items", ((List<?>) full.get("items")).stream().limit(level[0] == 0 ? 0 : 1)
					.map(label -> SmsText.cut(String.valueOf(label), level[0])).toList());
				@SuppressWarnings("unchecked")
				Map<String, Object> place = new HashMap<>((Map<String, Object>) full.get("meeting"));
				String location = (String) place.get("location");
				place.put("location", location == null ? null
						: SmsText.cut(location.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst()
							.orElse(null), level[3]));
				place.put("jurisdiction", level[1] == 1 ? place.get("jurisdiction") : null);
				place.put("name", level[4] == 0 ? SmsText.cut((String) place.get("body"), 30)
						: SmsText.cut((String) place.get("name"), level[4]));
				if (level[2] == 1 && meetingPage != null) {
					place.put("link", meetingPage);
				}
				model.put("meeting", place);
				return SmsText.flat(templates.render(recipient.language(), KINDS, "sms.txt", model));
			});
		}
		return SmsText.fit(renderings);
	}

	private static Map<String, Object> model(Recipient recipient, Meeting meeting, List<AgendaItem> items, Duration lead) {
		ZoneId zone = recipient.zone() != null ? recipient.zone() : meeting.zone();
		Map<String, Object> model = new HashMap<>();
		model.put("kind", "reminder");
		model.put("meeting", AlertComposer.meetingModel(meeting, zone, recipient.language()));
		model.put("items", items.stream().map(item -> AlertComposer.itemLabel(item.number(), item.title())).toList());
		model.put("lead", leadText(lead, recipient.language()));
		return model;
	}

	/** "2 hours", "24 hours", "30 minutes" in the reader's language. */
	static String leadText(Duration lead, String language) {
		boolean hours = lead.toMinutes() % 60 == 0;
		long amount = hours ? lead.toHours() : lead.toMinutes();
		String unit = switch (language) {
			case "es" -> hours ? (amount == 1 ? "hora" : "horas") : (amount == 1 ? "minuto" : "minutos");
			case "ht" -> hours ? "èdtan" : "minit";
			default -> hours ? (amount == 1 ? "hour" : "hours") : (amount == 1 ? "minute" : "minutes");
		};
		return amount + " " + unit;
	}

}
