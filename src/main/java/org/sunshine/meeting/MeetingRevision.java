package org.sunshine.meeting;

import java.time.Instant;
import java.util.List;

/**
 * A stored revision of a meeting: what one poll changed, read back by those who act on a {@link MeetingChanged}.
 *
 * @param meeting the meeting as it is now (a later poll may have changed it again)
 * @param revisionId the stored revision holding these changes; alerts are keyed on it
 * @param changes what changed, never empty
 * @param critical announced or moved within the critical window, special or emergency, or cancelled:
 *        such alerts skip digests and quiet hours
 * @param removedItems items the changes removed, as they were, so they can still be matched and named
 * @param detectedAt when the poll saw it
 */
public record MeetingRevision(Meeting meeting, long revisionId, List<Change> changes, boolean critical,
		List<AgendaItem> removedItems, Instant detectedAt) {

	public MeetingRevision {
		changes = List.copyOf(changes);
		removedItems = removedItems == null ? List.of() : List.copyOf(removedItems);
	}

	public boolean has(ChangeKind kind) {
		return changes.stream().anyMatch(change -> change.kind() == kind);
	}

}
