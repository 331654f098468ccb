package org.sunshine.subscription;

import java.util.List;

/**
 * A sign-up as it arrives (API or form), not yet validated; {@link Subscriptions#subscribe} checks every
 * field and names the first one at fault.
 */
public record NewSubscription(String email, String phone, String language, List<String> interests,
		List<String> feeds, String delivery, List<String> reminders, String timezone, String quietFrom,
		String quietTo, String source) {

	@Override
	public String toString() {
		return "NewSubscription[language=" + language + ", interests=" + interests + ", feeds=" + feeds + "]";
	}

}
