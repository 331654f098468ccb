package org.sunshine.meeting;

/** Where a meeting stands, as far as its source tells. */
public enum MeetingStatus {
	SCHEDULED, RESCHEDULED, CANCELLED
}
