package org.sunshine.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.sunshine.system.PublicUrl;
import org.sunshine.subscription.Channel;

/**
 * Campaign messages in the shared outbox: queued by the campaign module, sent by the same senders as alerts
 * (rendered as they leave, each once), withdrawn while they have not left, and counted for organizers —
 * counts only, never a destination.
 */
@Service
public class CampaignDeliveries {

	private static final List<String> CONFIRM = List.of("follow-confirm");

	private final Outbox outbox;

	private final MessagePlans plans;

	private final JdbcClient jdbc;

	private final MessageTemplates templates;

	private final PublicUrl publicUrl;

	private final NotificationProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CampaignDeliveries(Outbox outbox, MessagePlans plans, JdbcClient jdbc, MessageTemplates templates, PublicUrl publicUrl,
			NotificationProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.outbox = outbox;
		this.plans = plans;
		this.jdbc = jdbc;
		this.templates = templates;
		this.publicUrl = publicUrl;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Queues messages rendered when they leave. Texts wait for the end of the default quiet hours in
	 * {@code zone} unless {@code urgent} (the meeting is within the critical window); emails never wait.
	 * Returns how many were new.
	 */
	public int queue(List<FollowerMessage> messages, ZoneId zone, boolean urgent) {
		Instant now = clock.instant();
		QuietHours quiet = new QuietHours(properties.quietFrom(), properties.quietTo());
		List<OutboxMessage> rows = messages.stream().map(message -> {
			Long planId = message.lead() == null ? null : plans.idOf(MessagePlan.reminder(message.lead()), now);
			OutboxMessage row = OutboxMessage.toFollower(message, planId, null);
			Instant release = message.channel() == Channel.SMS && !urgent
					? quiet.releaseAt(message.notBefore() != null && message.notBefore().isAfter(now) ? message.notBefore() : now, zone)
					: null;
			return release == null ? row : row.heldUntil(release);
		}).toList();
		return filled(outbox.enqueueAll(rows, now));
	}

	/**
	 * Queues an organizer's test send of a campaign to their own address, written in {@code language} and rendered
	 * as it leaves; it goes at once, whatever the hour, since the organizer is waiting for it. It is not a
	 * campaign message: no count, no audience and no correction ever includes it.
	 */
	public void queueTest(long campaignId, long meetingId, Channel channel, String destination, String language) {
		Instant now = clock.instant();
		long planId = plans.idOf(MessagePlan.campaignTest(language), now);
		String key = FollowerMessage.Kind.TEST.value() + ":" + campaignId + ":" + java.util.UUID.randomUUID();
		filled(outbox.enqueueAll(List.of(OutboxMessage.campaignTest(key, campaignId, meetingId, channel, destination,
				planId)), now));
	}

	/** How many test messages of these campaigns were queued since then (an organization's limit). */
	public int testsSince(java.util.Collection<Long> campaignIds, Instant since) {
		return campaignIds.isEmpty() ? 0 : jdbc.sql("""
				select count(*) from notification where kind = :kind and campaign_id in (:campaigns) and created_at > :since""")
			.param("kind", FollowerMessage.Kind.TEST.value()).param("campaigns", campaignIds)
			.param("since", since.atOffset(java.time.ZoneOffset.UTC)).query(Integer.class).single();
	}

	/** Queues the one message a follower's unconfirmed contact point may get, naming the organization. */
	public boolean queueConfirmation(FollowerMessage message, String language, String organization, String confirmUrl) {
		Map<String, Object> model = new HashMap<>();
		model.put("organization", organization);
		model.put("confirmUrl", confirmUrl);
		model.put("publicUrl", publicUrl.base());
		OutboxMessage.Rendered rendered = message.channel() == Channel.EMAIL
				? new OutboxMessage.Rendered(AlertComposer.flat(templates.render(language, CONFIRM, "subject.txt", model)),
						templates.render(language, CONFIRM, "email.txt", model),
						templates.render(language, CONFIRM, "email.html", model), Map.of(), null, null)
				: OutboxMessage.Rendered.sms(AlertComposer.flat(templates.render(language, CONFIRM, "sms.txt", model)));
		return filled(outbox.enqueueAll(List.of(OutboxMessage.toFollower(message, null, rendered)), clock.instant())) == 1;
	}

	private int filled(int added) {
		if (added > 0) {
			events.publishEvent(new OutboxDispatcher.OutboxFilled());
		}
		return added;
	}

	/** The public URL links in messages start with, without a trailing slash. */
	public String baseUrl() {
		return publicUrl.base();
	}

	/** Withdraws a campaign's messages of these kinds that have not left; returns how many. */
	public int withdraw(long campaignId, Set<FollowerMessage.Kind> kinds, String reason) {
		return jdbc.sql("""
				update notification set status = 'CANCELLED', last_error = :reason
				where campaign_id = :campaign and kind in (:kinds) and status = 'PENDING'""")
			.param("reason", reason).param("campaign", campaignId)
			.param("kinds", kinds.stream().map(FollowerMessage.Kind::value).toList()).update();
	}

	/** A campaign's messages: the call itself by state, and the corrections it brought. */
	public record Counts(long sent, long failed, long pending, long corrections) {
	}

	public Counts counts(long campaignId) {
		Map<String, Long> byState = new HashMap<>();
		jdbc.sql("select status, count(*) from notification where campaign_id = ? and kind = ? group by status")
			.params(campaignId, FollowerMessage.Kind.CAMPAIGN.value())
			.query((rs, row) -> byState.put(rs.getString(1), rs.getLong(2))).list();
		long corrections = jdbc.sql("""
				select count(*) from notification where campaign_id = ? and kind = ? and status not in ('CANCELLED', 'FAILED')""")
			.params(campaignId, FollowerMessage.Kind.CORRECTION.value()).query(Long.class).single();
		long pending = byState.entrySet().stream()
			.filter(entry -> Set.of("PENDING", "CLAIMED", "SENDING", "UNCERTAIN").contains(entry.getKey()))
			.mapToLong(Map.Entry::getValue).sum();
		return new Counts(byState.getOrDefault("SENT", 0L), byState.getOrDefault("FAILED", 0L), pending, corrections);
	}

	/** A contact point a campaign message has reached (or is being handed to its provider). */
	public record Reached(long followerId, Channel channel, String destination) {

		@Override
		public String toString() {
			return "Reached[followerId=" + followerId + ", channel=" + channel + "]";
		}

	}

	/** Everyone a campaign's call has left for: those a correction must reach. */
	public List<Reached> reached(long campaignId) {
		return outbox.reached(campaignId, FollowerMessage.Kind.CAMPAIGN.value());
	}

	/** The campaign and follower of the latest campaign message that reached this address, if any. */
	public record Delivered(long campaignId, long followerId) {
	}

	public Optional<Delivered> latestTo(Channel channel, String destination) {
		return outbox.latestCampaignMessageTo(channel, destination,
				List.of(FollowerMessage.Kind.CAMPAIGN.value(), FollowerMessage.Kind.REMINDER.value()));
	}

}
