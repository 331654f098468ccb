package org.sunshine.feed.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One poll as a reader sees it: its caps, the version of each meeting that earlier polls read in full, and what
 * this poll leaves out or leaves for the next one, in words for the feed's status.
 */
public final class Poll {

	private final int maxMeetings;

	private final int maxDetailReads;

	private final Map<String, String> known;

	private final Instant readAlwaysBefore;

	private final Map<String, String> read = new LinkedHashMap<>();

	private final List<String> warnings = new ArrayList<>();

	private boolean carriedOver;

	/**
	 * @param maxMeetings most meetings the poll keeps (the first ones)
	 * @param maxDetailReads most meetings whose details (items, texts) the poll fetches; the rest wait
	 * @param known the version of each meeting (by source id) read in full before
	 * @param readAlwaysBefore meetings starting before this are read in full on every poll, whatever their version
	 */
	public Poll(int maxMeetings, int maxDetailReads, Map<String, String> known, Instant readAlwaysBefore) {
		this.maxMeetings = maxMeetings;
		this.maxDetailReads = maxDetailReads;
		this.known = new HashMap<>(known);
		this.readAlwaysBefore = Objects.requireNonNull(readAlwaysBefore);
	}

	/** No caps and no memory: every meeting is read in full. */
	public static Poll unlimited() {
		return new Poll(Integer.MAX_VALUE, Integer.MAX_VALUE, Map.of(), Instant.MAX);
	}

	public int maxMeetings() {
		return maxMeetings;
	}

	public int maxDetailReads() {
		return maxDetailReads;
	}

	/**
	 * Whether the meeting need not be read in full again: this version of it was read before (null, "no version",
	 * never was), and it is not soon enough to be read every time all the same.
	 */
	public boolean readBefore(String sourceId, String version, Instant start) {
		return version != null && version.equals(known.get(sourceId)) && !start.isBefore(readAlwaysBefore);
	}

	/** Records that this version of the meeting was read in full. */
	public void read(String sourceId, String version) {
		if (version != null) {
			read.put(sourceId, version);
		}
	}

	/** Forgets a version read: the meeting was not stored after all, so the next poll reads it again. */
	public void forget(String sourceId) {
		read.remove(sourceId);
	}

	/** The versions read in full, by source id. */
	public Map<String, String> versionsRead() {
		return Map.copyOf(read);
	}

	/** Something left out that admins should know about. */
	public void warn(String warning) {
		warnings.add(Objects.requireNonNull(warning));
	}

	/** Something left for the next poll: that poll must read everything again, not take a "not modified". */
	public void carryOver(String warning) {
		carriedOver = true;
		warn(warning);
	}

	public List<String> warnings() {
		return List.copyOf(warnings);
	}

	public boolean carriedOver() {
		return carriedOver;
	}

}
