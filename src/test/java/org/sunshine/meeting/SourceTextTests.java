package org.sunshine.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What the meeting module accepts from a source: clean text that fits its columns, ids that stay unique. */
class SourceTextTests {

	@Test
	void removesControlsBidiOverridesAndZeroWidthCharacters() {
		assertThat(SourceText.line("Budget\u0000 amendment", 100)).isEqualTo("Budget amendment");
		assertThat(SourceText.line("\u202Egnp.exe\u202C Stormwater \u2066fee\u2069", 100)).isEqualTo("gnp.exe Stormwater fee");
		assertThat(SourceText.line("Bell\u0007 and \u001B[31mred\u007F", 100)).isEqualTo("Bell and [31mred");
		assertThat(SourceText.line("Zero\u200Bwidth\u200C\u200D\u2060\uFEFF", 100)).isEqualTo("Zerowidth");
		assertThat(SourceText.line("\u200B\u0000 ", 100)).isNull();
	}

	@Test
	void keepsLineBreaksAndTabsOnlyInTextOfSeveralLines() {
		assertThat(SourceText.lines("City Hall\r\n\tRoom 2\rDial 555\u2028PIN 1\u0000", 100))
			.isEqualTo("City Hall\n\tRoom 2\nDial 555\nPIN 1");
		assertThat(SourceText.line("City Hall\r\n\tRoom 2", 100)).isEqualTo("City Hall Room 2");
	}

	@Test
	void cutsAtAWordBoundaryWithAnEllipsis() {
		String text = "Resolution approving the interlocal agreement with Monroe County";

		assertThat(SourceText.fit(text, 40)).isEqualTo("Resolution approving the interlocal…").hasSizeLessThanOrEqualTo(40);
		assertThat(SourceText.fit("x".repeat(50), 40)).isEqualTo("x".repeat(39) + "…");
		assertThat(SourceText.fit(text, 1000)).isSameAs(text);
	}

	@Test
	void neverCutsThroughACharacterOutsideTheBasicPlane() {
		String text = "a".repeat(38) + "\uD83D\uDCC5" + "b"; // 📅 is two chars, at 38 and 39

		String cut = SourceText.fit(text, 40);

		assertThat(cut).isEqualTo("a".repeat(38) + "…");
		assertThat(cut.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
	}

	@Test
	void anIdTooLongForItsColumnBecomesAStableDigestThatDoesNotCollide() {
		String common = "event-".repeat(100);

		MeetingSnapshot first = meeting(common + "1");
		MeetingSnapshot second = meeting(common + "2");

		assertThat(first.sourceId()).hasSize(512).startsWith("event-event-").contains("~sha256:");
		assertThat(first.sourceId()).isNotEqualTo(second.sourceId()).isEqualTo(meeting(common + "1").sourceId());
		assertThat(first.withItems().sourceId()).isEqualTo(first.sourceId());
		assertThat(meeting("uid@town.example.org").sourceId()).isEqualTo("uid@town.example.org");
	}

	@Test
	void anItemKeyWithoutASourceIdFitsItsColumnAndStaysUnique() {
		String title = "Resolution ".repeat(200);

		AgendaItemSnapshot first = new AgendaItemSnapshot(null, "7.a", title + "one", null, null, List.of());
		AgendaItemSnapshot second = new AgendaItemSnapshot(null, "7.a", title + "two", null, null, List.of());

		assertThat(first.key()).hasSize(1200).isNotEqualTo(second.key());
		assertThat(new AgendaItemSnapshot(null, "7.a", "Budget", null, null, List.of()).key()).isEqualTo("7.a|Budget");
		assertThat(new AgendaItemSnapshot(" ", "7.a", "Budget", null, null, List.of()).key()).isEqualTo("7.a|Budget");
	}

	@Test
	void linksThatDoNotFitAreDroppedNotCut() {
		String tooLong = "https://town.example.org/" + "a".repeat(2000) + ".pdf";
		String link = "https://town.example.org/agenda.pdf";

		MeetingSnapshot meeting = new MeetingSnapshot("feed", "1", "Town", "Board", "Board", Instant.EPOCH,
				ZoneId.of("UTC"), null, null, tooLong, link, null, List.of());
		AgendaItemSnapshot item = new AgendaItemSnapshot("1", "1", "Budget", null, null, Collections.nCopies(300, link));

		assertThat(meeting.agendaUrl()).isNull();
		assertThat(meeting.sourceUrl()).isEqualTo(link);
		assertThat(String.join("\n", item.attachments())).hasSizeLessThanOrEqualTo(8000);
		assertThat(item.attachments()).hasSize(8000 / (link.length() + 1)).containsOnly(link);
	}

	@Test
	void everyTextOfAMeetingFitsItsColumn() {
		MeetingSnapshot meeting = new MeetingSnapshot("feed", "1", "J".repeat(400), "B".repeat(600), "T".repeat(1200),
				Instant.EPOCH, ZoneId.of("UTC"), "L".repeat(5000), null, null, null, "D".repeat(25000),
				List.of(new AgendaItemSnapshot("1", "9".repeat(100), "I".repeat(9000), "X".repeat(25000), "M".repeat(300),
						List.of())));

		assertThat(meeting.jurisdiction()).hasSize(300);
		assertThat(meeting.body()).hasSize(500);
		assertThat(meeting.title()).hasSize(1000).endsWith("…");
		assertThat(meeting.location()).hasSize(4000);
		assertThat(meeting.description()).hasSize(20000);
		AgendaItemSnapshot item = meeting.items().get(0);
		assertThat(item.number()).hasSize(64);
		assertThat(item.title()).hasSize(8000);
		assertThat(item.text()).hasSize(20000);
		assertThat(item.matterId()).hasSize(200);
		assertThat(new Change(ChangeKind.ITEM_CHANGED, "text", "1", item.text(), item.text()).newValue()).hasSize(8000);
	}

	private static MeetingSnapshot meeting(String sourceId) {
		return new MeetingSnapshot("feed", sourceId, "Town", "Board", "Board", Instant.EPOCH, ZoneId.of("UTC"), null,
				null, null, null, null, List.of());
	}

}
