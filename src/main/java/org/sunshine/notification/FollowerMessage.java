package org.sunshine.notification;

import java.time.Duration;
import java.time.Instant;

import org.sunshine.subscription.Channel;

/**
 * A message to one contact point of an organization's follower, queued by the campaign module in the shared
 * outbox. Campaign messages, reminders and corrections are rendered by the sender as they leave (from the
 * meeting record and {@link CampaignContent}); a follow confirmation is queued already rendered.
 *
 * @param key idempotency key: a second queueing of the same message is a no-op
 * @param revisionId for a correction: the meeting revision that moved or cancelled the meeting
 * @param lead for a reminder: how long before the meeting it goes
 * @param notBefore held until then (a reminder's time), or null to send at once
 */
public record FollowerMessage(String key, long followerId, Long campaignId, Channel channel, String destination,
		Kind kind, Long meetingId, Long revisionId, Duration lead, Instant notBefore) {

	/** What the message is; its value is the outbox row's kind. */
	public enum Kind {

		CONFIRM("follow-confirm"), CAMPAIGN("campaign"), REMINDER("campaign-reminder"), CORRECTION("campaign-correction"),
		/** An organizer's test send of a campaign to their own address: no follower, counted nowhere. */
		TEST("campaign-test");

		private final String value;

		Kind(String value) {
			this.value = value;
		}

		public String value() {
			return value;
		}

	}

	@Override
	public String toString() {
		return "FollowerMessage[followerId=" + followerId + ", campaignId=" + campaignId + ", channel=" + channel
				+ ", kind=" + kind + "]";
	}

}
