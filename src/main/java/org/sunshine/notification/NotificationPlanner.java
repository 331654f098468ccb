package org.sunshine.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.sunshine.matching.InterestMatcher;
import org.sunshine.matching.Match;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.meeting.MeetingChanged;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.ContactPoint;
import org.sunshine.subscription.Recipient;
import org.sunshine.subscription.Subscriptions;

/**
 * Turns a meeting change into outbox messages: one per subscriber it matches and confirmed contact
 * point. It runs inside the transaction that stores the change, so the change and its alerts commit
 * together or not at all; the idempotency key (subscriber, revision, channel) keeps a repeat from
 * ever producing a second message.
 */
@Component
class NotificationPlanner {

	private final InterestMatcher matcher;

	private final Subscriptions subscriptions;

	private final AlertComposer composer;

	private final Outbox outbox;

	private final ApplicationEventPublisher events;

	private final ChannelProperties channels;

	private final Clock clock;

	NotificationPlanner(InterestMatcher matcher, Subscriptions subscriptions, AlertComposer composer, Outbox outbox,
			ApplicationEventPublisher events, ChannelProperties channels, Clock clock) {
		this.channels = channels;
		this.matcher = matcher;
		this.subscriptions = subscriptions;
		this.composer = composer;
		this.outbox = outbox;
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	void on(MeetingChanged event) {
		Instant now = clock.instant();
		if (event.meeting().start().isBefore(now)) {
			return; // A meeting already under way or over: an alert can no longer help anyone attend.
		}
		Map<Long, List<Match>> bySubscriber = matcher.match(event).stream()
			.collect(Collectors.groupingBy(Match::subscriberId, LinkedHashMap::new, Collectors.toList()));
		boolean added = false;
		for (Map.Entry<Long, List<Match>> entry : bySubscriber.entrySet()) {
			Recipient recipient = subscriptions.recipient(entry.getKey()).orElse(null);
			if (recipient == null) {
				continue;
			}
			for (ContactPoint point : recipient.confirmed()) {
				added |= outbox.enqueue(message(event, entry.getValue(), recipient, point), now);
			}
		}
		if (added) {
			events.publishEvent(new OutboxDispatcher.OutboxFilled());
		}
	}

	/** The bare address of sunshine.mail.from ("Sunshine <alerts@example.org>" gives alerts@example.org). */
	private String unsubscribeMailbox() {
		String from = channels.mail().from();
		int open = from.indexOf('<');
		return open >= 0 ? from.substring(open + 1, from.indexOf('>', open)) : from.strip();
	}

	private OutboxMessage message(MeetingChanged event, List<Match> matches, Recipient recipient, ContactPoint point) {
		String key = "alert:" + recipient.subscriberId() + ":" + event.revisionId() + ":" + point.channel().name();
		String kind = AlertComposer.primaryKind(event);
		if (point.channel() == Channel.EMAIL) {
			// A fresh link token per message: only hashes are stored, so old links cannot be re-derived.
			String base = channels.publicUrl().toString().replaceAll("/+$", "") + "/s/"
					+ subscriptions.issueLinkToken(recipient.subscriberId());
			AlertComposer.Links links = new AlertComposer.Links(base, base + "/unsubscribe");
			AlertComposer.Email email = composer.email(event, matches, recipient, links);
			Map<String, String> headers = Map.of("List-Unsubscribe",
					"<" + links.unsubscribeUrl() + ">, <mailto:" + unsubscribeMailbox() + "?subject=unsubscribe>",
					"List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			return new OutboxMessage(0, key, recipient.subscriberId(), Channel.EMAIL, point.address(), kind,
					event.meeting().id(), email.subject(), email.text(), email.html(), headers, 0);
		}
		return new OutboxMessage(0, key, recipient.subscriberId(), Channel.SMS, point.address(), kind,
				event.meeting().id(), null, composer.sms(event, matches, recipient), null, Map.of(), 0);
	}

}
