package org.sunshine.notification;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.sunshine.system.PublicUrl;
import org.sunshine.subscription.SmsKeyword;
import org.sunshine.subscription.Subscriptions;

/** The answer to a text a person sent us (from templates/{language}/reply-*.sms.txt), or none. */
@Service
public class SmsReplies {

	private final MessageTemplates templates;

	private final PublicUrl publicUrl;

	SmsReplies(MessageTemplates templates, PublicUrl publicUrl) {
		this.templates = templates;
		this.publicUrl = publicUrl;
	}

	/**
	 * No answer to STOP (the carrier and Twilio confirm it, and after STOP nothing of ours may go to the
	 * number) nor to anything from a number that is opted out.
	 */
	public String replyTo(Subscriptions.KeywordOutcome outcome, boolean optedOut) {
		String kind = switch (outcome.keyword()) {
			case YES -> outcome.changed() ? "reply-yes" : "reply-help";
			case START -> "reply-start";
			case HELP, OTHER -> "reply-help";
			case STOP -> null;
		};
		if (kind == null || (optedOut && outcome.keyword() != SmsKeyword.START)) {
			return null;
		}
		Map<String, Object> model = Map.of("publicUrl", publicUrl.base());
		return templates.render(outcome.language(), List.of(kind), "sms.txt", model).replaceAll("\\s+", " ");
	}

	/** A reply another module gives (an RSVP, a follow confirmed), from templates/{language}/{kind}.sms.txt. */
	public String reply(String language, String kind, Map<String, Object> values) {
		Map<String, Object> model = new java.util.HashMap<>(values);
		model.put("publicUrl", publicUrl.base());
		return AlertComposer.flat(templates.render(language, List.of(kind), "sms.txt", model));
	}

}
