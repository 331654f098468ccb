package org.sunshine.notification;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.system.PublicUrl;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.ConfirmationRequested;

/**
 * Writes the one message an unconfirmed contact point may get: an email with a confirmation link, or an
 * SMS asking for YES with the program name, what to expect, rates, HELP and STOP (CTIA). Queued in the
 * sign-up's transaction, keyed per contact point, so a retry or repeat never sends a second one.
 */
@Component
class ConfirmationPlanner {

	private static final java.util.List<String> CONFIRM = java.util.List.of("confirm");

	private final MessageTemplates templates;

	private final Outbox outbox;

	private final ChannelProperties channels;

	private final PublicUrl publicUrl;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ConfirmationPlanner(MessageTemplates templates, Outbox outbox, ChannelProperties channels, PublicUrl publicUrl,
			ApplicationEventPublisher events, Clock clock) {
		this.templates = templates;
		this.outbox = outbox;
		this.channels = channels;
		this.publicUrl = publicUrl;
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	void on(ConfirmationRequested request) {
		Map<String, Object> model = new HashMap<>();
		String base = publicUrl.base();
		model.put("publicUrl", base);
		String key = "confirm:" + request.contactPointId();
		OutboxMessage message;
		if (request.channel() == Channel.EMAIL) {
			model.put("confirmUrl", base + "/s/" + request.token() + "/confirm");
			model.put("manageUrl", base + "/s/" + request.token());
			String language = request.language();
			message = OutboxMessage.rendered(key, request.subscriberId(), Channel.EMAIL, request.address(), "confirm",
					new OutboxMessage.Rendered(templates.render(language, CONFIRM, "subject.txt", model).replaceAll("\\s+", " "),
							templates.render(language, CONFIRM, "email.txt", model),
							templates.render(language, CONFIRM, "email.html", model), Map.of(), null, null));
		}
		else {
			message = OutboxMessage.rendered(key, request.subscriberId(), Channel.SMS, request.address(), "confirm",
					OutboxMessage.Rendered.sms(templates.render(request.language(), CONFIRM, "sms.txt", model)
						.replaceAll("\\s+", " ")));
		}
		if (outbox.enqueue(message, clock.instant())) {
			events.publishEvent(new OutboxDispatcher.OutboxFilled());
		}
	}

}
