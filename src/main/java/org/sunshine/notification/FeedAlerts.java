package org.sunshine.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.sunshine.feed.FeedIncidentOver;
import org.sunshine.feed.FeedIncidentStarted;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.ContactPoint;
import org.sunshine.subscription.Recipient;
import org.sunshine.subscription.SubscriberStatistics;
import org.sunshine.subscription.Subscriptions;
import org.sunshine.system.AdminProperties;
import org.sunshine.system.PublicUrl;

/**
 * Tells about a feed's incident through the outbox like any message: the admins (sunshine.admin.email) once when
 * it starts and once when it is over; the feed's followers once when it starts, that alerts may be late. Keys
 * name the incident, so a listener run twice queues nothing twice.
 */
@Component
class FeedAlerts {

	private static final int RECIPIENTS_AT_ONCE = 1000;

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("EEE, MMM d, yyyy, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneId.of("UTC"));

	private final MessageTemplates templates;

	private final AlertSender sender;

	private final SubscriberStatistics followers;

	private final Subscriptions subscriptions;

	private final AdminProperties admin;

	private final PublicUrl publicUrl;

	private final Clock clock;

	FeedAlerts(MessageTemplates templates, AlertSender sender, SubscriberStatistics followers, Subscriptions subscriptions,
			AdminProperties admin, PublicUrl publicUrl, Clock clock) {
		this.templates = templates;
		this.sender = sender;
		this.followers = followers;
		this.subscriptions = subscriptions;
		this.admin = admin;
		this.publicUrl = publicUrl;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(FeedIncidentStarted incident) {
		Instant now = clock.instant();
		Map<String, Object> model = model(incident.feedId(), incident.feedName(), incident.kind());
		model.put("since", UTC.format(incident.since()));
		model.put("lastError", incident.lastError());
		String key = incident(incident.feedId(), incident.kind(), incident.noticedAt());
		toAdmins(key + ":started", "admin-feed-incident", model, now);
		List<Long> ids = followers.followerIds(incident.feedId());
		for (int from = 0; from < ids.size(); from += RECIPIENTS_AT_ONCE) {
			List<OutboxMessage> messages = new ArrayList<>();
			for (Recipient recipient : subscriptions.recipients(ids.subList(from, Math.min(ids.size(), from + RECIPIENTS_AT_ONCE)))) {
				for (ContactPoint point : recipient.confirmed()) {
					messages.add(lateNotice(key, recipient, point, incident, model, now));
				}
			}
			sender.queue(messages, now);
		}
	}

	@ApplicationModuleListener
	void on(FeedIncidentOver over) {
		Map<String, Object> model = model(over.feedId(), over.feedName(), over.kind());
		model.put("since", UTC.format(over.noticedAt()));
		toAdmins(incident(over.feedId(), over.kind(), over.noticedAt()) + ":over", "admin-feed-recovered", model,
				clock.instant());
	}

	private OutboxMessage lateNotice(String key, Recipient recipient, ContactPoint point, FeedIncidentStarted incident,
			Map<String, Object> model, Instant now) {
		List<String> kinds = List.of("feed-late");
		String messageKey = key + ":" + recipient.subscriberId() + ":" + point.channel().name();
		if (point.channel() == Channel.EMAIL) {
			return OutboxMessage.rendered(messageKey, recipient.subscriberId(), Channel.EMAIL, point.address(), "feed-late",
					new OutboxMessage.Rendered(oneLine(templates.render(recipient.language(), kinds, "subject.txt", model)),
							templates.render(recipient.language(), kinds, "email.txt", model), null, Map.of(), null, null));
		}
		OutboxMessage sms = OutboxMessage.rendered(messageKey, recipient.subscriberId(), Channel.SMS, point.address(),
				"feed-late", OutboxMessage.Rendered.sms(oneLine(templates.render(recipient.language(), kinds, "sms.txt", model))));
		// Not urgent: it waits out quiet hours, like a routine alert.
		return sms.heldUntil(sender.quietRelease(recipient, recipient.zone() != null ? recipient.zone() : incident.zone(), now));
	}

	private void toAdmins(String key, String kind, Map<String, Object> model, Instant now) {
		List<String> kinds = List.of(kind);
		List<OutboxMessage> messages = new ArrayList<>();
		for (int i = 0; i < admin.email().size(); i++) {
			messages.add(OutboxMessage.rendered(key + ":admin:" + i, null, Channel.EMAIL, admin.email().get(i), kind,
					new OutboxMessage.Rendered(oneLine(templates.render("en", kinds, "subject.txt", model)),
							templates.render("en", kinds, "email.txt", model), null, Map.of(), null, null)));
		}
		sender.queue(messages, now);
	}

	private Map<String, Object> model(String feedId, String feedName, String kind) {
		Map<String, Object> model = new HashMap<>();
		model.put("feedId", feedId);
		model.put("feedName", feedName);
		model.put("kind", kind);
		model.put("publicUrl", publicUrl.base());
		return model;
	}

	private static String incident(String feedId, String kind, Instant noticedAt) {
		return "feed-incident:" + feedId + ":" + kind + ":" + noticedAt.getEpochSecond();
	}

	private static String oneLine(String text) {
		return text.replaceAll("\\s+", " ");
	}

}
