package org.sunshine.meeting;

import java.time.Instant;
import java.util.List;

/**
 * Published, inside the transaction that stores it, each time a poll changes a meeting.
 *
 * @param meeting the meeting as it is now
 * @param revisionId the stored revision holding these changes; alerts are keyed on it
 * @param changes what changed, never empty
 * @param critical announced or moved within the critical window, special or emergency, or cancelled:
 *        such alerts skip digests and quiet hours
 * @param removedItems items the changes removed, as they were, so they can still be matched and named
 * @param detectedAt when the poll saw it
 */
public record MeetingChanged(Meeting meeting, long revisionId, List<Change> changes, boolean critical,
		List<AgendaItem> removedItems, Instant detectedAt) {

	public MeetingChanged {
		changes = List.copyOf(changes);
		removedItems = removedItems == null ? List.of() : List.copyOf(removedItems);
	}

	public boolean has(ChangeKind kind) {
		return changes.stream().anyMatch(change -> change.kind() == kind);
	}

}
