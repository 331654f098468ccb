package org.sunshine.campaign;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the campaign module.
 *
 * @param approvalRequired campaigns wait for an admin's approval before they go out
 * @param campaignsPerDay how many campaigns one organization may start in any 24 hours
 * @param sendSweep how often campaigns whose send time has come are looked for
 * @param confirmationWindow a follow not confirmed within this time is forgotten (its link stops working)
 * @param testSendsPerHour how many test messages (an email and a text count as two) one organization may send
 *        to its own addresses in any hour, so a test send cannot be used to flood someone else's inbox or phone
 */
@ConfigurationProperties("sunshine.campaign")
record CampaignProperties(@DefaultValue("false") boolean approvalRequired, @DefaultValue("10") int campaignsPerDay,
		@DefaultValue("30s") Duration sendSweep, @DefaultValue("72h") Duration confirmationWindow,
		@DefaultValue("10") int testSendsPerHour) {
}
