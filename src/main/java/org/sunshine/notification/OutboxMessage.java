package org.sunshine.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.sunshine.subscription.Channel;

/**
 * One message for one contact point in the outbox. Alerts, reminders and digests are queued as a plan and
 * rendered by the sender when they leave, with fresh link tokens; only confirmations, whose content is
 * fixed when they are asked for, are queued already rendered.
 *
 * @param revisionId for an alert: the meeting revision it is about
 * @param planId the stored {@link MessagePlan} saying what the message will say; null when {@code rendered}
 * @param rendered the finished message, or null until the sender renders it
 * @param itemKeys the agenda items this message tells its reader about
 * @param notBefore held until then (quiet hours), or null to send at once
 * @param claimToken the claim of the sender holding it, or null when not claimed; the sender's updates count
 *        only while the message is still under this claim
 * @param followerId for a campaign message: the organization's follower it goes to (then no subscriber)
 * @param campaignId for a campaign message: the campaign it belongs to
 */
record OutboxMessage(long id, String idempotencyKey, Long subscriberId, Channel channel, String destination,
		String kind, Long meetingId, Long revisionId, Long planId, Rendered rendered, int attempts,
		List<String> itemKeys, Instant notBefore, String claimToken, Long followerId, Long campaignId) {

	OutboxMessage {
		itemKeys = itemKeys == null ? List.of() : List.copyOf(itemKeys);
	}

	/** A message as it leaves: subject (email only), text, HTML, headers and calendar file. */
	record Rendered(String subject, String text, String html, Map<String, String> headers, String ics,
			String icsMethod) {

		Rendered {
			headers = headers == null ? Map.of() : Map.copyOf(headers);
		}

		static Rendered sms(String text) {
			return new Rendered(null, text, null, Map.of(), null, null);
		}

	}

	/** A message rendered when it is queued (confirmations). */
	static OutboxMessage rendered(String key, Long subscriberId, Channel channel, String to, String kind,
			Rendered rendered) {
		return new OutboxMessage(0, key, subscriberId, channel, to, kind, null, null, null, rendered, 0, List.of(), null, null,
				null, null);
	}

	/** A message rendered by the sender from {@code plan} when it leaves. */
	static OutboxMessage planned(String key, long subscriberId, Channel channel, String to, String kind, Long meetingId,
			Long revisionId, long planId, List<String> itemKeys) {
		return new OutboxMessage(0, key, subscriberId, channel, to, kind, meetingId, revisionId, planId, null, 0, itemKeys,
				null, null, null, null);
	}

	/** A campaign message to a follower, rendered by the sender when it leaves (or already rendered). */
	static OutboxMessage toFollower(FollowerMessage message, Long planId, Rendered rendered) {
		return new OutboxMessage(0, message.key(), null, message.channel(), message.destination(),
				message.kind().value(), message.meetingId(), message.revisionId(), planId, rendered, 0, List.of(),
				message.notBefore(), null, message.followerId(), message.campaignId());
	}

	/** An organizer's test send of a campaign, rendered by the sender when it leaves; addressed to no one we keep. */
	static OutboxMessage campaignTest(String key, long campaignId, long meetingId, Channel channel, String to,
			long planId) {
		return new OutboxMessage(0, key, null, channel, to, FollowerMessage.Kind.TEST.value(), meetingId, null, planId,
				null, 0, List.of(), null, null, null, campaignId);
	}

	boolean isForFollower() {
		return followerId != null;
	}

	OutboxMessage heldUntil(Instant instant) {
		return new OutboxMessage(id, idempotencyKey, subscriberId, channel, destination, kind, meetingId, revisionId, planId,
				rendered, attempts, itemKeys, instant, claimToken, followerId, campaignId);
	}

	OutboxMessage withRendered(Rendered message) {
		return new OutboxMessage(id, idempotencyKey, subscriberId, channel, destination, kind, meetingId, revisionId, planId,
				message, attempts, itemKeys, notBefore, claimToken, followerId, campaignId);
	}

	/** An organizer's test send of a campaign: asked for by its recipient, rendered like a follower's message. */
	boolean isCampaignTest() {
		return FollowerMessage.Kind.TEST.value().equals(kind);
	}

	/** Rendered from the campaign and the meeting as it leaves: a follower's message or an organizer's test. */
	boolean isCampaignMessage() {
		return isForFollower() || isCampaignTest();
	}

	boolean isConfirmation() {
		return "confirm".equals(kind) || FollowerMessage.Kind.CONFIRM.value().equals(kind);
	}

	/** To the installation's admins (sunshine.admin.email), who are staff, not subscribers giving consent. */
	boolean isForAdmins() {
		return kind != null && kind.startsWith("admin-");
	}

	@Override
	public String toString() {
		return "OutboxMessage[id=" + id + ", channel=" + channel + ", kind=" + kind + "]";
	}

}
