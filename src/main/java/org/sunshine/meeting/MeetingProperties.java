package org.sunshine.meeting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the meeting module.
 *
 * @param criticalWindow a change to a meeting this close to its start is critical
 * @param lookBack meetings that started longer ago than this are no longer "upcoming"
 */
@ConfigurationProperties("sunshine.meeting")
record MeetingProperties(@DefaultValue("72h") Duration criticalWindow, @DefaultValue("6h") Duration lookBack) {
}
