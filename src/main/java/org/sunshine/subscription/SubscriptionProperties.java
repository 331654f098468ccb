package org.sunshine.subscription;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the subscription module.
 *
 * @param smsCountries country calling codes SMS may go to (SMS pumping defence)
 * @param defaultRegion region assumed for phone numbers written without a country code
 * @param smsRegions regions of +1 numbers SMS may go to (the rest of +1 is mostly Caribbean, priced as international)
 * @param defaultReminders reminders before a matched meeting when a sign-up names none
 * @param maxInterests most terms one sign-up may follow
 * @param maxTermLength longest term or phrase
 * @param confirmationWindow an unconfirmed sign-up is deleted after this
 * @param signupsPerClientPerHour sign-ups one client address may make per hour, all at once if need be (a room full
 *        of people on one network); refilled evenly over the hour
 * @param confirmationsPerDestinationPerDay confirmation messages one address or number may get per day
 * @param confirmationsPerPrefixPerHour confirmation SMS to numbers sharing all but the last 4 digits, per hour
 * @param expirySweep how often unconfirmed sign-ups past the confirmation window are looked for
 */
@ConfigurationProperties("sunshine.subscription")
record SubscriptionProperties(@DefaultValue("1") List<Integer> smsCountries, @DefaultValue("US") String defaultRegion,
		@DefaultValue({ "US", "PR", "VI", "GU", "AS", "MP", "CA" }) List<String> smsRegions,
		@DefaultValue({ "PT24H", "PT2H" }) List<Duration> defaultReminders, @DefaultValue("50") int maxInterests,
		@DefaultValue("100") int maxTermLength, @DefaultValue("72h") Duration confirmationWindow,
		@DefaultValue("200") int signupsPerClientPerHour, @DefaultValue("3") int confirmationsPerDestinationPerDay,
		@DefaultValue("10") int confirmationsPerPrefixPerHour, @DefaultValue("1h") Duration expirySweep) {
}
