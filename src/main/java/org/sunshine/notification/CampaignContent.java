package org.sunshine.notification;

import java.util.List;
import java.util.Optional;

import org.sunshine.subscription.Channel;

/**
 * What the senders ask the module that owns followers and campaigns as a campaign message leaves: whether the
 * follower still wants it, and what the organization says. Implemented by the campaign module, so this module
 * never depends on it.
 */
public interface CampaignContent {

	/**
	 * Whether a message may go to this follower's contact point now: a confirmation to a pending one, anything
	 * else to a confirmed one that has not left the organization; never to a number that texted STOP.
	 */
	boolean mayReceive(long followerId, Channel channel, String destination, boolean confirmation);

	/** The organization's words for this follower, with link tokens minted now; empty when the campaign is gone. */
	Optional<Letter> letter(long campaignId, long followerId);

	/**
	 * The organization's words as a follower writing in {@code language} would get them, for an organizer's test
	 * send: its links lead to a page saying they are a test's, so nothing is answered or left. Empty when the
	 * campaign is gone.
	 */
	Optional<Letter> testLetter(long campaignId, String language);

	/**
	 * @param organization the organization's name, which every message leads with
	 * @param language the follower's language, which the message is written in
	 * @param message the organization's text in that language (else its first language)
	 * @param ask attend, speak or comment
	 * @param itemKeys agenda items the campaign is about (may be empty)
	 * @param rsvpUrl {public-url}/r/{token}
	 * @param leaveUrl the link that leaves this organization only (also the one-click List-Unsubscribe)
	 * @param going whether the follower answered that they are going
	 */
	record Letter(String organization, String language, String message, String ask, List<String> itemKeys,
			String rsvpUrl, String leaveUrl, boolean going) {

		public Letter {
			itemKeys = itemKeys == null ? List.of() : List.copyOf(itemKeys);
		}

	}

}
