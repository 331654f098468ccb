package org.sunshine.notification;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.sunshine.matching.Match;

/**
 * What a message will say, decided when it is planned and rendered when it leaves. Many messages share one
 * plan (everyone whose interests hit the same items of the same revision), so it is stored once.
 *
 * @param matches for an alert: why it matched (terms, items, snippets)
 * @param relevantItems for an alert: the items whose changes this reader is shown (matched or told before)
 * @param lead for a reminder: how long before the meeting
 * @param digestKey for a digest: the key its entries were taken under
 * @param period for a digest: daily or weekly
 * @param language for an organizer's test send of a campaign: the language it is written in (no follower to ask);
 *        left out of the stored plan otherwise, so the plans stored before it keep their hashes
 */
record MessagePlan(List<Match> matches, List<String> relevantItems, Duration lead, String digestKey, String period,
		@JsonInclude(JsonInclude.Include.NON_NULL) String language) {

	MessagePlan {
		matches = matches == null ? List.of() : List.copyOf(matches);
		relevantItems = relevantItems == null ? List.of() : List.copyOf(relevantItems);
	}

	static MessagePlan alert(List<Match> matches, List<String> relevantItems) {
		return new MessagePlan(matches, relevantItems, null, null, null, null);
	}

	static MessagePlan reminder(Duration lead) {
		return new MessagePlan(null, null, lead, null, null, null);
	}

	static MessagePlan digest(String digestKey, String period) {
		return new MessagePlan(null, null, null, digestKey, period, null);
	}

	static MessagePlan campaignTest(String language) {
		return new MessagePlan(null, null, null, null, null, language);
	}

}
