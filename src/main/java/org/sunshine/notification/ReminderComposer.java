package org.sunshine.notification;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.subscription.Recipient;

/** Writes a reminder before a meeting: when, where, the items the reader follows, how soon. */
@Component
class ReminderComposer {

	private static final List<String> KINDS = List.of("reminder");

	private static final int SMS_ITEM_LENGTH = 70;

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

	/** One item, its title cut short, and the first line of the place: a reminder stays within two segments. */
	String sms(Recipient recipient, Meeting meeting, List<AgendaItem> items, Duration lead) {
		Map<String, Object> model = model(recipient, meeting, items.isEmpty() ? items : items.subList(0, 1), lead);
		model.put("items", ((List<?>) model.get("items")).stream().map(String::valueOf)
			.map(label -> label.length() > SMS_ITEM_LENGTH ? label.substring(0, SMS_ITEM_LENGTH - 1).strip() + "…" : label)
			.toList());
		@SuppressWarnings("unchecked")
		Map<String, Object> place = new HashMap<>((Map<String, Object>) model.get("meeting"));
		String location = (String) place.get("location");
		place.put("location", location == null ? null : location.lines().findFirst().orElse(""));
		model.put("meeting", place);
		return AlertComposer.flat(templates.render(recipient.language(), KINDS, "sms.txt", model));
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
