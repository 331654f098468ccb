package org.sunshine.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.sunshine.feed.read.Poll;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

class PollCapsTest {

	static final Instant NOW = Instant.parse("2025-07-03T14:00:00Z");

	private final PollCaps caps = new PollCaps(Duration.ofDays(1100), 3, 2);

	static MeetingSnapshot meeting(String id, int daysAhead, int items) {
		List<AgendaItemSnapshot> agenda = IntStream.rangeClosed(1, items)
			.mapToObj(i -> new AgendaItemSnapshot(id + "-" + i, String.valueOf(i), "Item " + i, null, null, List.of()))
			.toList();
		return new MeetingSnapshot("caps", id, "City", "Commission", "Meeting " + id,
				NOW.plus(Duration.ofDays(daysAhead)), ZoneId.of("America/New_York"), "City Hall", MeetingStatus.SCHEDULED,
				null, null, null, agenda);
	}

	@Test
	void keepsTheEarliestMaxMeetingsWhateverOrderTheSourceGaveAndForgetsTheRestsVersions() {
		Poll poll = new Poll(100, 100, Map.of(), NOW);
		List.of("m5", "m1", "m4").forEach(id -> poll.read(id, "v"));

		List<MeetingSnapshot> kept = caps.apply(List.of(meeting("m5", 5, 0), meeting("m1", 1, 0), meeting("m4", 4, 0),
				meeting("m2", 2, 0), meeting("m3", 3, 0)), NOW, poll);

		assertThat(kept).extracting(MeetingSnapshot::sourceId).containsExactly("m1", "m2", "m3");
		assertThat(poll.warnings()).containsExactly("2 meeting(s) beyond max-meetings (3) left out");
		assertThat(poll.versionsRead()).containsOnlyKeys("m1");
	}

	@Test
	void keepsTheFirstMaxItemsOfEachMeeting() {
		Poll poll = new Poll(100, 100, Map.of(), NOW);

		List<MeetingSnapshot> kept = caps.apply(List.of(meeting("a", 1, 5), meeting("b", 2, 2)), NOW, poll);

		assertThat(kept.get(0).items()).extracting(AgendaItemSnapshot::title).containsExactly("Item 1", "Item 2");
		assertThat(kept.get(1).items()).hasSize(2);
		assertThat(poll.warnings()).containsExactly("3 agenda item(s) beyond max-items (2 per meeting) left out");
	}

	@Test
	void withinTheCapsNothingIsLeftOutAndNothingSaid() {
		Poll poll = new Poll(100, 100, Map.of(), NOW);

		assertThat(caps.apply(List.of(meeting("a", 1, 2)), NOW, poll)).hasSize(1);
		assertThat(poll.warnings()).isEmpty();
	}

}
