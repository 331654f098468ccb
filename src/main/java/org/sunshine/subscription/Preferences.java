package org.sunshine.subscription;

import java.util.List;

/**
 * Changes from the manage page, unvalidated. Null leaves a setting as it is.
 *
 * @param email true to receive email, false to stop (null: unchanged)
 * @param sms true to receive SMS, false to stop (null: unchanged)
 * @param digestHour local hour (0-23) for daily and weekly digests
 */
public record Preferences(List<String> interests, List<String> feeds, String language, String delivery,
		String timezone, String quietFrom, String quietTo, Boolean email, Boolean sms, Integer digestHour) {
}
