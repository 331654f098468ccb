package org.sunshine.meeting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compares what is stored with what a poll saw and names each difference worth telling someone about. */
final class MeetingDiff {

	private MeetingDiff() {
	}

	record Result(List<Change> changes, List<AgendaItem> removedItems) {

		boolean isEmpty() {
			return changes.isEmpty();
		}

	}

	static Result between(Meeting stored, MeetingSnapshot seen, List<AgendaItem> seenItems) {
		if (stored == null) {
			return new Result(List.of(Change.of(ChangeKind.ANNOUNCED)), List.of());
		}
		List<Change> changes = new ArrayList<>();
		boolean wasCancelled = stored.status() == MeetingStatus.CANCELLED;
		boolean isCancelled = seen.status() == MeetingStatus.CANCELLED;
		if (!wasCancelled && isCancelled) {
			changes.add(Change.of(ChangeKind.CANCELLED));
		}
		else if (wasCancelled && !isCancelled) {
			changes.add(Change.of(ChangeKind.REINSTATED));
		}
		if (!stored.start().equals(seen.start())) {
			changes.add(Change.moved("start", stored.start().toString(), seen.start().toString()));
		}
		// A place first published later is news, not a move; only a different place is a move.
		if (stored.location() != null && seen.location() != null
				&& !normalised(stored.location()).equals(normalised(seen.location()))) {
			changes.add(Change.moved("location", stored.location(), seen.location().strip()));
		}
		List<AgendaItem> removed = new ArrayList<>();
		if (stored.items().isEmpty() && !seenItems.isEmpty()) {
			changes.add(Change.of(ChangeKind.AGENDA_PUBLISHED));
		}
		else {
			diffItems(stored.items(), seenItems, changes, removed);
		}
		return new Result(changes, removed);
	}

	private static void diffItems(List<AgendaItem> before, List<AgendaItem> after, List<Change> changes,
			List<AgendaItem> removed) {
		Map<String, AgendaItem> old = byKey(before);
		Map<String, AgendaItem> now = byKey(after);
		for (AgendaItem item : now.values()) {
			AgendaItem was = old.get(item.key());
			if (was == null) {
				changes.add(Change.ofItem(ChangeKind.ITEM_ADDED, item.key(), null, null, item.title()));
				continue;
			}
			if (!normalised(was.title()).equals(normalised(item.title()))) {
				changes.add(Change.ofItem(ChangeKind.ITEM_CHANGED, item.key(), "title", was.title(), item.title()));
			}
			if (!normalised(was.text()).equals(normalised(item.text()))) {
				changes.add(Change.ofItem(ChangeKind.ITEM_CHANGED, item.key(), "text", was.text(), item.text()));
			}
			if (!Objects.equals(was.number(), item.number())) {
				changes.add(Change.ofItem(ChangeKind.ITEM_CHANGED, item.key(), "number", was.number(), item.number()));
			}
		}
		for (AgendaItem item : old.values()) {
			if (!now.containsKey(item.key())) {
				changes.add(Change.ofItem(ChangeKind.ITEM_REMOVED, item.key(), null, item.title(), null));
				removed.add(item);
			}
		}
	}

	static Map<String, AgendaItem> byKey(List<AgendaItem> items) {
		Map<String, AgendaItem> byKey = new LinkedHashMap<>();
		items.forEach(item -> byKey.putIfAbsent(item.key(), item));
		return byKey;
	}

	/** Sources re-wrap lines and pad spaces between polls; that is not a change. */
	static String normalised(String text) {
		return text == null ? "" : text.replaceAll("\\s+", " ").strip().toLowerCase();
	}

}
